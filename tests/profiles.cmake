# Profiles of body and `relazione init` (templates/profili/, templates/init/):
# for each profile, init → validate → build writes the profile's documents.
add_test(NAME init_piao
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/profiles.sh ${RELAZIONE_BIN} piao
    relazione validazione carte-di-lavoro albero risultati-aree risultati-unita sintesi-cittadini sintesi-piano)
add_test(NAME init_cciaa
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/profiles.sh ${RELAZIONE_BIN} cciaa
    relazione validazione carte-di-lavoro albero risultati-aree risultati-unita risultati-prospettive sintesi-cittadini
    sintesi-piano)
set_tests_properties(init_piao init_cciaa PROPERTIES TIMEOUT 120)
add_test(NAME init_unknown_profile
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 2 "profilo 'comune' sconosciuto: scrivere uno dei profili disponibili \\(cciaa, piao\\)" -- ${RELAZIONE_BIN} init ${CMAKE_CURRENT_BINARY_DIR}/init-nessuno --profilo comune)
add_test(NAME init_help
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 0 "--profilo P +piao \\(predefinito\\)" -- ${RELAZIONE_BIN} init --help)

# The fictional Comune on the piao profile: valid, and its Relazione has the
# DFP chapters in order (its documents are also golden files).
add_test(NAME sample_comune_validate
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 0 "^4 file validi \\(0 avvisi\\)$" -- ${RELAZIONE_BIN} validate
    samples/comune-montevecchio-2024/piano.xml samples/comune-montevecchio-2024/monitoraggio.xml
    samples/comune-montevecchio-2024/contesto.xml samples/comune-montevecchio-2024/validazione.xml
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
add_test(NAME sample_comune_dfp_chapters
  COMMAND sh -c "t=$(mktemp -d) && \"$0\" build samples/comune-montevecchio-2024 -o \"$t\" --no-pdf >/dev/null && sh tests/dfp_chapters.sh \"$t\"/relazione.md && grep -q '^## 3.6 Gli obiettivi di prevenzione della corruzione e di trasparenza' \"$t\"/relazione.md && grep -q 'Nucleo di valutazione' \"$t\"/validazione.md && ! grep -qi 'unioncamere' \"$t\"/*.md; rc=$?; rm -rf \"$t\"; exit $rc" ${RELAZIONE_BIN}
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# A piao folder holding a CCIAA form: built without it, with a warning.
add_test(NAME profile_piao_ignores_allegati
  COMMAND sh -c "t=$(mktemp -d) && cp samples/comune-montevecchio-2024/*.xml samples/cciaa-lucca-2020/allegato1.xml \"$t\"/ && \"$0\" build \"$t\" -o \"$t/out\" --no-pdf 2>&1 | grep -q 'allegato1.xml: warning: gli Allegati 1 e 2 sono moduli delle Camere di commercio' && test ! -e \"$t/out/allegato1.md\"; rc=$?; rm -rf \"$t\"; exit $rc" ${RELAZIONE_BIN}
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# No term of the Camere di commercio in the published documents of a body on
# the piao profile: the Comune sample and a folder just written by init.
add_test(NAME sample_comune_no_cciaa_terms
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cciaa_terms.sh ${RELAZIONE_BIN} samples/comune-montevecchio-2024
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
add_test(NAME init_piao_no_cciaa_terms
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/cciaa_terms.sh ${RELAZIONE_BIN} --init piao
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

# Profiles are validated against schemas/profilo.xsd: the shipped ones pass
# (with the program and with xmllint); a broken one, met by a build, is an
# input error with its file and line in Italian, and nothing is written.
add_test(NAME profiles_schema_valid
  COMMAND sh -c "\"$0\" validate templates/profili/cciaa.xml templates/profili/piao.xml && xmllint --noout --schema schemas/profilo.xsd templates/profili/cciaa.xml templates/profili/piao.xml" ${RELAZIONE_BIN}
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
add_test(NAME profile_broken
  COMMAND sh -c "t=$(mktemp -d) && cp -R templates \"$t\"/ && cp tests/bad/profili/cciaa.xml \"$t\"/templates/profili/cciaa.xml && sh tests/expect.sh 1 \"profili/cciaa.xml:85: error: attributo richiede di <documento>: il valore «prospetive» non è ammesso; i valori ammessi sono: piano, monitoraggio, risultati, unita, prospettive\" -- \"$0\" build samples/cciaa-lucca-2017 -o \"$t\"/out --templates \"$t\"/templates --no-pdf && ! ls \"$t\"/out/*.md 2>/dev/null; rc=$?; rm -rf \"$t\"; exit $rc" ${RELAZIONE_BIN}
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
