# The evaluation body's input (validazione.xml, schemas/validazione.xsd) and
# the documents made from it.
relazione_unit_test(oiv_test ${CMAKE_CURRENT_SOURCE_DIR}/oiv_test.c)
target_include_directories(oiv_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})

relazione_xmllint_test(xmllint_validazione_massa validazione.xsd samples/cciaa-massa-carrara-2019/validazione.xml)
relazione_xmllint_test(xmllint_validazione_clean validazione.xsd tests/check/clean/validazione.xml)

add_test(NAME validate_validazione
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 0 "1 file valido \\(0 avvisi\\)" --
    ${RELAZIONE_BIN} validate samples/cciaa-massa-carrara-2019/validazione.xml
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

# The old element of the monitoring data: still read, with a warning that
# says where its content goes.
add_test(NAME validazione_deprecated_element
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 0 "monitoraggio.xml:49: warning: l'elemento <validazione> dei dati di monitoraggio è deprecato .*validazione.xml.*\\[deprecated\\]" --
    ${RELAZIONE_BIN} validate tests/check/totali/piano.xml tests/check/totali/monitoraggio.xml
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

function(relazione_bad_oiv name file regex)
  add_test(NAME bad_validazione_${name}
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 1 "${regex}" -- ${RELAZIONE_BIN} validate tests/bad/validazione/${file}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
endfunction()
relazione_bad_oiv(other_without_name altro-senza-nome.xml "altro-senza-nome.xml:6: error: organismo di tipo «altro» senza <denominazione>.*\\[oiv-name\\]")
relazione_bad_oiv(note_missing nota-mancante.xml "nota-mancante.xml:9: error: punto E giudicato «non-conforme» senza nota.*\\[oiv-note\\]")
relazione_bad_oiv(point_twice punto-doppio.xml "punto-doppio.xml:9: error: .*Duplicate key-sequence \\['A'\\].*\\[xsd\\]")
relazione_bad_oiv(impossible_date data-impossibile.xml "data-impossibile.xml:7: error: .*'2020-02-30'.*\\[xsd\\]")

# The signable validation document (tests/oiv_document.sh says what each
# case verifies), from the Massa Carrara sample.
foreach(case complete draft pages nucleo papers)
  add_test(NAME validazione_document_${case}
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/oiv_document.sh ${RELAZIONE_BIN} ${case}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(validazione_document_${case} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
endforeach()

# relazione spiega: the chain behind a figure of seed 003, with the rule
# applied at each step.
function(relazione_explain name code regex)
  add_test(NAME spiega_${name}
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 0 "${regex}" -- ${RELAZIONE_BIN} spiega samples/cciaa-massa-carrara-2019 ${code}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
endfunction()
relazione_explain(threshold O2.1.3-g "Q3 144/164.*\n.*144 / 164 = 87,80%.*\n.*≥ 90,00%.*\n.*: 97,56%\n.*97,56% è pari o superiore alla soglia del 90% .* conta 100,00%")
relazione_explain(lower_is_better FRD-2-b "Q1 15,00; Q2 17,00; Q3 20,00.*\n.*media dei 3 valori del periodo = 17,33.*\n.*≤ 15,00.*\n.*minore è meglio.*84,47%\n.*sotto la soglia del 90%, resta 84,47%")
relazione_explain(rettifica 3.2 "Punteggio calcolato: 100,0%\n.*Rettifica approvata \(monitoraggio\.xml:[0-9]+\).*punteggio 91,0%.*\n.*Rettifica dichiarata ma non approvata, non applicata.*\n.*Punteggio: 91,0%")
relazione_explain(area OB3 "3\.1 100,0% × peso 50,00%; 3\.2 91,0% × peso 50,00%\n.*Punteggio calcolato: 95,5%")
relazione_explain(entity ente "OB1 100,0% × peso 16,00%; OB2 100,0% × peso 34,00%; OB3 95,5% × peso 50,00%\n.*Punteggio calcolato: 97,8%")
relazione_explain(unit FRD "FRD-2-b 84,47%.*\n.*Punteggio calcolato: 97,41%")
add_test(NAME spiega_unknown_code
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 1 "«XX» non è il codice di un indicatore.*\\[spiega\\]" -- ${RELAZIONE_BIN} spiega samples/cciaa-massa-carrara-2019 XX
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
add_test(NAME spiega_usage
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 2 "spiega" -- ${RELAZIONE_BIN} spiega samples/cciaa-massa-carrara-2019
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
