# Command-line basics: help, version, exit codes for usage errors.
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
  COMMAND sh -c "t=$(mktemp -d) && cp -r schemas templates \"$t\"/ && echo '<guasto' >> \"$t\"/schemas/contesto.xsd && RELAZIONE_DATA=\"$t\" ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 3 'schemas/contesto.xsd:[0-9]+: error: XML non ben formato' 'contesto.xml:[0-9]+: error: XML' -- ${RELAZIONE_BIN} validate tests/check/totali/contesto.xml; rc=$?; rm -rf \"$t\"; exit $rc"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
