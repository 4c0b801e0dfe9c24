# The chart block's reader and the diagnostic for charts with too many bars.
relazione_unit_test(chart_test ${CMAKE_CURRENT_SOURCE_DIR}/chart_test.c)
target_include_directories(chart_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
