# Scoring engine: one unit test per rule and edge case.
relazione_unit_test(score_rules ${CMAKE_CURRENT_SOURCE_DIR}/score_rules.c)
target_include_directories(score_rules PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
