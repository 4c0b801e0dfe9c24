# `relazione validate`: the valid fixtures pass, every class of bad input is
# refused with its diagnostic and exit code 1.
set(RZ_EXPECT ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh)
set(RZ_BAD ${CMAKE_CURRENT_SOURCE_DIR}/bad)

add_test(NAME validate_fixtures
  COMMAND ${RZ_EXPECT} 0 "2 file validi" -- ${RELAZIONE_BIN} validate
    tests/valid/piano.xml tests/valid/monitoraggio.xml
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

add_test(NAME validate_usage COMMAND ${RZ_EXPECT} 2 "Uso: relazione validate" -- ${RELAZIONE_BIN} validate)
add_test(NAME validate_missing_file
  COMMAND ${RZ_EXPECT} 3 "assente.xml: error: impossibile aprire il file" --
    ${RELAZIONE_BIN} validate tests/assente.xml
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

# relazione_bad_input(NAME FILE REGEX [FORBIDDEN])
function(relazione_bad_input name file regex)
  set(forbid ${ARGN})
  add_test(NAME bad_${name}
    COMMAND ${RZ_EXPECT} 1 "${regex}" ${forbid} -- ${RELAZIONE_BIN} validate ${file}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(bad_${name} PROPERTIES TIMEOUT 10)
endfunction()

relazione_bad_input(malformed tests/bad/piano/malformed.xml "malformed.xml:[0-9]+: error: XML non ben formato.*\\[xml\\]")
relazione_bad_input(schema_violation tests/bad/piano/missing-element.xml "missing-element.xml:6: error: elemento <triennio> non previsto .*si aspetta <anno>.*\\[xsd\\]")
relazione_bad_input(wrong_namespace tests/bad/piano/wrong-namespace.xml "wrong-namespace.xml:3: error: l'elemento radice <piano> va nel namespace urn:relazione:piano:1: scrivere <piano xmlns=\"urn:relazione:piano:1\">.*\\[xml-namespace\\]")
relazione_bad_input(unknown_reference tests/bad/piano/unknown-reference.xml "unknown-reference.xml:58: error: .*prospettiva 'XX'.*\\[ref\\]")
relazione_bad_input(weights_sum tests/bad/piano/weights-sum.xml "weights-sum.xml:[0-9]+: error: i pesi delle aree strategiche dell'ente sommano a 90,00 invece di 100.*\\[weights-sum\\]")
relazione_bad_input(weights_individual tests/bad/piano/weights-individual.xml "i pesi degli obiettivi del valutato SG sommano a 70,00 invece di 100.*\\[weights-sum\\]")
relazione_bad_input(weights_partial tests/bad/piano/weights-partial.xml "solo per 1 su 2.*\\[weights-partial\\]")
relazione_bad_input(target_number tests/bad/piano/target-number.xml "target-number.xml:51: error: target 2019 di tipo numero: il valore 'cinquecento' non è un numero.*\\[target\\]")
relazione_bad_input(target_impossible_date tests/bad/piano/target-date.xml "target-date.xml:63: error: .*'2019-02-30' non è una data reale.*\\[target\\]")
relazione_bad_input(impossible_date tests/bad/piano/impossible-date.xml "impossible-date.xml:8: error: .*2019-13-01.*\\[xsd\\]")
relazione_bad_input(duplicate_code tests/bad/piano/duplicate-code.xml "duplicate-code.xml:76: error: il codice di indicatore 'S1.1-a' è già usato alla riga 38.*\\[dup-code\\]")
# The external entity names secret.txt beside it: its content must never
# reach the output.
relazione_bad_input(external_entity tests/bad/piano/external-entity.xml "external-entity.xml:2: error: .*DOCTYPE.*\\[xml-doctype\\]" "SEGRETO")
relazione_bad_input(entity_bomb tests/bad/piano/entity-bomb.xml "entity-bomb.xml:2: error: .*DOCTYPE.*\\[xml-doctype\\]")

relazione_bad_input(mon_unknown_indicator tests/bad/monitoraggio/unknown-indicator.xml "unknown-indicator.xml:27: error: .*'S9.9-z', che non è nel Piano.*\\[ref\\]")
relazione_bad_input(mon_ratio_without_denominator tests/bad/monitoraggio/ratio-without-denominator.xml "ratio-without-denominator.xml:14: error: indicatore S1.1-a, periodo Q1: per un rapporto servono numeratore e denominatore.*\\[data\\]")
relazione_bad_input(mon_impossible_date tests/bad/monitoraggio/impossible-date.xml "impossible-date.xml:21: error: '2019-02-29' .* non è una data reale.*\\[date\\]")
relazione_bad_input(mon_unknown_period tests/bad/monitoraggio/unknown-period.xml "unknown-period.xml:28: error: .*periodo 'Q4'.*\\[ref\\]")
relazione_bad_input(mon_unknown_unit tests/bad/monitoraggio/unknown-unit.xml "unknown-unit.xml:14: error: .*l'unità 'S7' non è definita.*\\[ref\\]")
relazione_bad_input(mon_wrong_year tests/bad/monitoraggio/wrong-year.xml "wrong-year.xml:4: error: i dati sono dell'anno 2020 ma il Piano .* è dell'anno 2019.*\\[year\\]")
relazione_bad_input(mon_missing_plan tests/bad/monitoraggio/missing-plan.xml "missing-plan.xml: error: il Piano indicato in <piano file=\"assente.xml\"> non si può usare.*\\[ref\\]")
relazione_bad_input(mon_rettifica_unknown_node tests/bad/monitoraggio/rettifica-unknown-node.xml "rettifica-unknown-node.xml:32: error: la rettifica riguarda l'obiettivo strategico '9.9'.*\\[ref\\]")

# Every problem of a file in one run, not only the first.
add_test(NAME validate_reports_all
  COMMAND sh -c "out=$(${RELAZIONE_BIN} validate tests/bad/piano/target-number.xml tests/bad/piano/weights-sum.xml 2>&1); echo \"$out\"; test $(echo \"$out\" | grep -c ': error: ') -ge 2"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

add_test(NAME bad_huge_document COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/hostile.sh ${RELAZIONE_BIN} huge)
add_test(NAME bad_deep_nesting COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/hostile.sh ${RELAZIONE_BIN} deep)
set_tests_properties(bad_huge_document bad_deep_nesting PROPERTIES TIMEOUT 30)

# Every schema is itself a valid XSD: xmllint exits 5 when a schema does not
# compile, 3 when (as here) only the dummy instance is invalid.
file(GLOB RZ_SCHEMAS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/schemas/*.xsd)
foreach(xsd ${RZ_SCHEMAS})
  get_filename_component(xsd_name ${xsd} NAME_WE)
  add_test(NAME schema_compiles_${xsd_name}
    COMMAND sh -c "echo '<x/>' | xmllint --noout --nonet --schema '${xsd}' - 2>/dev/null; test $? -eq 3")
endforeach()

# Context data: figures that do not read as their column's type, rows with
# a cell missing, totals naming rows that do not exist, duplicate tables.
relazione_bad_input(ctx_cell tests/bad/contesto/cella.xml "cella.xml:7: error: tabella bilancio, riga «Diritto annuale», colonna «Consuntivo»: «2\\.616\\.678,00» non è del tipo euro.*qui 2616678\\.00.*\\[contesto-cella\\]")
relazione_bad_input(ctx_integer tests/bad/contesto/intero.xml "intero.xml:7: error: .*«1\\.5» non è del tipo intero.*\\[contesto-cella\\]")
relazione_bad_input(ctx_cells_missing tests/bad/contesto/celle-mancanti.xml "celle-mancanti.xml:8: error: tabella categorie, riga «Categoria D»: 2 celle, ma la tabella ha 3 colonne.*\\[contesto-riga\\]")
relazione_bad_input(ctx_sum_reference tests/bad/contesto/somma.xml "somma.xml:8: error: .*somma cita la riga «tot-b», che non esiste.*\\[contesto-ref\\]")
relazione_bad_input(ctx_duplicate_table tests/bad/contesto/tabella-doppia.xml "tabella-doppia.xml:8: error: .*Duplicate key-sequence \\['eta'\\].*\\[xsd\\]")
relazione_bad_input(mon_criticita_unknown_node tests/bad/monitoraggio/criticita-unknown-node.xml "criticita-unknown-node.xml:42: error: la criticità riguarda l'obiettivo strategico '7\\.7', che non è nel Piano.*\\[ref\\]")
relazione_bad_input(ctx_nesting tests/bad/contesto/livelli.xml "livelli.xml:8: error: sottosezione al livello 4: al massimo 3 livelli.*\\[contesto-livelli\\]")
# A Piano naming a profile that is not installed: the installed ones listed.
relazione_bad_input(unknown_profile tests/bad/piano/profilo-sconosciuto.xml "profilo-sconosciuto.xml:3: error: profilo 'comune' sconosciuto: scrivere uno dei profili disponibili \\(cciaa, piao\\).*\\[profilo\\]")
