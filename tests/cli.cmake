# Command-line basics: help, version, exit codes for usage errors.
set(RZ_EXPECT_CLI ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh)
add_test(NAME cli_help COMMAND ${RELAZIONE_BIN} --help)
set_tests_properties(cli_help PROPERTIES PASS_REGULAR_EXPRESSION "Codici di uscita")
add_test(NAME cli_version COMMAND ${RELAZIONE_BIN} --version)
set_tests_properties(cli_version PROPERTIES PASS_REGULAR_EXPRESSION "^relazione [0-9]+\\.[0-9]+\\.[0-9]+")
add_test(NAME cli_unknown_command COMMAND ${RELAZIONE_BIN} frobnicate)
set_tests_properties(cli_unknown_command PROPERTIES WILL_FAIL TRUE)
add_test(NAME cli_no_args COMMAND ${RELAZIONE_BIN})
set_tests_properties(cli_no_args PROPERTIES WILL_FAIL TRUE)

# A damaged schema in the installation: exit code 3, and the schema's own
# parse errors name the schema file, not the document being validated.
add_test(NAME cli_broken_schema
  COMMAND sh -c "t=$(mktemp -d) && cp -r schemas templates \"$t\"/ && echo '<guasto' >> \"$t\"/schemas/contesto.xsd && RELAZIONE_DATA=\"$t\" ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 3 'schemas/contesto.xsd:[0-9]+: error: .*Extra content at the end of the document' 'contesto.xml:[0-9]+: error: XML' -- ${RELAZIONE_BIN} validate tests/check/totali/contesto.xml; rc=$?; rm -rf \"$t\"; exit $rc"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

# Every command explains itself, with --help anywhere among its arguments
# or through `relazione help COMANDO`, instead of taking --help for a file.
foreach(c init validate check build score render help)
  add_test(NAME cli_help_${c} COMMAND ${RZ_EXPECT_CLI} 0 "^Uso: relazione ${c}" -- ${RELAZIONE_BIN} ${c} --help)
  add_test(NAME cli_help_command_${c} COMMAND ${RZ_EXPECT_CLI} 0 "^Uso: relazione ${c}" -- ${RELAZIONE_BIN} help ${c})
endforeach()
add_test(NAME cli_help_build_default COMMAND ${RZ_EXPECT_CLI} 0 "predefinita: ./out" -- ${RELAZIONE_BIN} build --help)
add_test(NAME cli_help_unknown COMMAND ${RZ_EXPECT_CLI} 2 "comando sconosciuto 'nulla'" -- ${RELAZIONE_BIN} help nulla)
add_test(NAME cli_usage_points_to_help COMMAND ${RZ_EXPECT_CLI} 2 "relazione help check" -- ${RELAZIONE_BIN} check)
# --dati chooses the data folder: a folder without schemas fails to validate.
add_test(NAME cli_data_option
  COMMAND ${RZ_EXPECT_CLI} 3 "tests/valid/piano.xml: error: .*schema" -- ${RELAZIONE_BIN} --dati /nonexistent validate tests/valid/piano.xml
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# Italian counts: singular for one.
add_test(NAME cli_plural_one
  COMMAND ${RZ_EXPECT_CLI} 0 "^1 file valido \\(0 avvisi\\)$" -- ${RELAZIONE_BIN} validate tests/valid/piano.xml
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# A folder with no data for any document (here context data alone): check
# and build both say so with exit code 1, and build leaves no output folder behind.
add_test(NAME cli_nothing_to_build
  COMMAND sh -c "t=$(mktemp -d) && cp tests/check/totali/contesto.xml \"$t\"/ && ${RZ_EXPECT_CLI} 1 \"$t: error: la cartella non contiene un Piano della performance\" -- ${RELAZIONE_BIN} check \"$t\" && ${RZ_EXPECT_CLI} 1 \"$t: error: nessun documento da generare: la cartella non contiene né un Piano della performance né gli Allegati 1 e 2\" -- ${RELAZIONE_BIN} build \"$t\" -o \"$t/out\" && test ! -e \"$t/out\"; rc=$?; rm -rf \"$t\"; exit $rc"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
