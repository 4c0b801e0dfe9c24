# Template engine: the official Mustache specification, and formatting.
relazione_unit_test(mustache_spec ${CMAKE_CURRENT_SOURCE_DIR}/mustache_spec.c)
target_include_directories(mustache_spec PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
relazione_unit_test(format_test ${CMAKE_CURRENT_SOURCE_DIR}/format_test.c)
target_include_directories(format_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
relazione_unit_test(mustache_test ${CMAKE_CURRENT_SOURCE_DIR}/mustache_test.c)
target_include_directories(mustache_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
