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
foreach(case complete draft pages nucleo)
  add_test(NAME validazione_document_${case}
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/oiv_document.sh ${RELAZIONE_BIN} ${case}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(validazione_document_${case} PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
endforeach()
