# The view tree and its JSON form.
relazione_unit_test(view_test ${CMAKE_CURRENT_SOURCE_DIR}/view_test.c)
target_include_directories(view_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
relazione_unit_test(json_test ${CMAKE_CURRENT_SOURCE_DIR}/json_test.c)
target_include_directories(json_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
