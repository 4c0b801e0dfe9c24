# Template engine: the official Mustache specification, and formatting.
# The specification lives outside the repository (../shared/mustache-spec
# beside the clone): without it the test is skipped with the reason.
relazione_unit_test(mustache_spec ${CMAKE_CURRENT_SOURCE_DIR}/mustache_spec.c)
target_include_directories(mustache_spec PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
set_tests_properties(mustache_spec PROPERTIES SKIP_RETURN_CODE 77)
relazione_unit_test(format_test ${CMAKE_CURRENT_SOURCE_DIR}/format_test.c)
target_include_directories(format_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
relazione_unit_test(mustache_test ${CMAKE_CURRENT_SOURCE_DIR}/mustache_test.c)
target_include_directories(mustache_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})

# Templates print no figures of their own (non-negotiable: every number
# comes from the data).
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME templates_no_figures
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/templates_no_figures.py templates
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# ...and the check itself catches a template that writes one.
add_test(NAME templates_no_figures_catches
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 1 "cifra.md.mustache:2: cifra scritta nel modello" --
    ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/templates_no_figures.py tests/bad/templates
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
