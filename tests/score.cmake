# Scoring engine: one unit test per rule and edge case.
relazione_unit_test(score_rules ${CMAKE_CURRENT_SOURCE_DIR}/score_rules.c)
target_include_directories(score_rules PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
relazione_unit_test(score_tree ${CMAKE_CURRENT_SOURCE_DIR}/score_tree.c)
target_include_directories(score_tree PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
relazione_unit_test(score_property ${CMAKE_CURRENT_SOURCE_DIR}/score_property.c)
target_include_directories(score_property PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
# Acceptance: the Massa Carrara 2019 sample reproduces the published figures.
relazione_unit_test(acceptance_massa ${CMAKE_CURRENT_SOURCE_DIR}/acceptance_massa.c)
target_include_directories(acceptance_massa PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
