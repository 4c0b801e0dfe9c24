# Context data (contesto.xml): the totals check rule by rule, typed cells
# printed the Italian way, every kind of block in the Relazione.
relazione_unit_test(contesto_test ${CMAKE_CURRENT_SOURCE_DIR}/contesto_test.c)
target_include_directories(contesto_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})

# relazione check on a folder with context data: the two wrong totals, and
# nothing on the right ones.
add_test(NAME check_totals_wrong
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 0 "contesto.xml:43: warning: tabella «Anzianità di servizio» \\(anzianita\\), riga «Totale», colonna «Anno 2019»: il totale stampato è 11, ma la somma delle 2 righe che totalizza è 10 \\(differenza 1\\).*\\[plaus-totals\\]" --
    ${RELAZIONE_BIN} check tests/check/totali
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
add_test(NAME check_totals_euro
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 0 "contesto.xml:54: warning: .*riga «Totale proventi \\(A\\)», colonna «Consuntivo»: il totale stampato è 1\\.500,00, ma la somma .* è 1\\.500,35" --
    ${RELAZIONE_BIN} check tests/check/totali
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
add_test(NAME check_totals_only_wrong
  COMMAND sh -c "${RELAZIONE_BIN} check tests/check/totali 2>&1 | grep -c 'plaus-totals' | grep -qx 2"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
relazione_xmllint_test(xmllint_contesto_totali contesto.xsd tests/check/totali/contesto.xml)

# Context data of another year than the Piano's: refused, nothing built.
add_test(NAME ctx_wrong_year
  COMMAND sh -c "t=$(mktemp -d) && cp tests/check/totali/*.xml \"$t\"/ && sed -i 's/anno=\"2019\"/anno=\"2020\"/' \"$t\"/contesto.xml && ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 1 'contesto.xml:5: error: i dati di contesto sono dell.anno 2020 ma il Piano .* è dell.anno 2019.*\\[year\\]' -- ${RELAZIONE_BIN} build \"$t\" -o \"$t/out\"; rc=$?; test ! -e \"$t/out/relazione.md\" || rc=1; rm -rf \"$t\"; exit $rc"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
