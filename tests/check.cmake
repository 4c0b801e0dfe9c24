# relazione check: each check on a minimal case, and the command on the clean fixture.
relazione_unit_test(check_findings ${CMAKE_CURRENT_SOURCE_DIR}/check_findings.c)
target_include_directories(check_findings PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
add_test(NAME check_clean_fixture
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 0 "0 errori, 0 avvisi. Esito proposto: VALIDA; esito dell'OIV: VALIDA" --
    ${RELAZIONE_BIN} check tests/check/clean
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
add_test(NAME check_usage COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 2 "Uso: relazione check" -- ${RELAZIONE_BIN} check)
