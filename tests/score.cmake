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
# Acceptance of rules other than Massa Carrara's: a plan of our own
# (threshold 95, cap 120, linear bands, gates, penalties, overrides, an
# approved indicator rettifica) against a worksheet that recomputes every
# figure from the schema's documentation, without the engine.
add_test(NAME acceptance_rules
  COMMAND python3 tests/accettazione-regole/foglio.py ${RELAZIONE_BIN} tests/accettazione-regole
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
add_test(NAME acceptance_rules_valid
  COMMAND ${RELAZIONE_BIN} validate tests/accettazione-regole/piano.xml tests/accettazione-regole/monitoraggio.xml
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# relazione spiega names the rule that made each score, the new ones too.
foreach(case
    "O2.1.1-a|fascia 60%–80%, con punteggio in proporzione da 30% a 80%: 74,44%"
    "S2.1-a|tutto o niente\\): 91,67%, quindi 0,00%"
    "O2.1.1-b|meno 10,00 punti per mese \\(o frazione\\) di ritardo\\): 80,00%"
    "S1.2-b|137,50% ridotta al tetto del 120%")
  string(REPLACE "|" ";" parts "${case}")
  list(GET parts 0 code)
  list(GET parts 1 expected)
  add_test(NAME spiega_rules_${code}
    COMMAND ${RELAZIONE_BIN} spiega tests/accettazione-regole ${code}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(spiega_rules_${code} PROPERTIES PASS_REGULAR_EXPRESSION "${expected}")
endforeach()
# Massa Carrara's O2.1.4-d is the lowest office's figure (aggregazione-unita
# "minimo"): the checker no longer reports the printed 2 against a sum of 14.
add_test(NAME check_massa_lowest_office
  COMMAND ${RELAZIONE_BIN} check samples/cciaa-massa-carrara-2019
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(check_massa_lowest_office PROPERTIES
  FAIL_REGULAR_EXPRESSION "O2\\.1\\.4-d" PASS_REGULAR_EXPRESSION "Esito proposto")
