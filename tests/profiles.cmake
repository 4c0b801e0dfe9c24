# Profiles of body and `relazione init` (templates/profili/, templates/init/):
# for each profile, init → validate → build writes the profile's documents.
add_test(NAME init_piao
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/profiles.sh ${RELAZIONE_BIN} piao
    relazione validazione albero risultati-aree risultati-unita sintesi-piano)
add_test(NAME init_cciaa
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/profiles.sh ${RELAZIONE_BIN} cciaa
    relazione validazione albero risultati-aree risultati-unita risultati-prospettive sintesi-piano)
set_tests_properties(init_piao init_cciaa PROPERTIES TIMEOUT 120)
add_test(NAME init_unknown_profile
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 2 "profilo 'comune' sconosciuto: scrivere uno dei profili disponibili \\(cciaa, piao\\)" -- ${RELAZIONE_BIN} init ${CMAKE_CURRENT_BINARY_DIR}/init-nessuno --profilo comune)
add_test(NAME init_help
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 0 "--profilo P +piao \\(predefinito\\)" -- ${RELAZIONE_BIN} init --help)
