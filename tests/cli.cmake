# Command-line basics: help, version, exit codes for usage errors.
add_test(NAME cli_help COMMAND ${RELAZIONE_BIN} --help)
set_tests_properties(cli_help PROPERTIES PASS_REGULAR_EXPRESSION "Codici di uscita")
add_test(NAME cli_version COMMAND ${RELAZIONE_BIN} --version)
set_tests_properties(cli_version PROPERTIES PASS_REGULAR_EXPRESSION "^relazione [0-9]+\\.[0-9]+\\.[0-9]+")
add_test(NAME cli_unknown_command COMMAND ${RELAZIONE_BIN} frobnicate)
set_tests_properties(cli_unknown_command PROPERTIES WILL_FAIL TRUE)
add_test(NAME cli_no_args COMMAND ${RELAZIONE_BIN})
set_tests_properties(cli_no_args PROPERTIES WILL_FAIL TRUE)
