# One collection of findings (src/pipeline/findings.c): `relazione check`
# prints what `relazione build` writes into verifiche.txt, points J and K
# included, on every sample folder with a Piano.
foreach(sample cciaa-lucca-2017 cciaa-maremma-tirreno-2020 cciaa-massa-carrara-2019
        comune-montevecchio-2024)
  add_test(NAME findings_check_equals_build_${sample}
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/findings_same.sh ${RELAZIONE_BIN} samples/${sample}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
endforeach()
# check measures the Relazione too: its length and index (points J and K).
add_test(NAME findings_check_measures_relazione
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh 0 "relazione.md: note: la Relazione conta [0-9.]+ parole.*\\[J-length\\]" -- ${RELAZIONE_BIN} check samples/comune-montevecchio-2024
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# Points J and K at their thresholds, on the clean fixture.
relazione_unit_test(findings_test ${CMAKE_CURRENT_SOURCE_DIR}/findings_test.c)
target_include_directories(findings_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
# With the build's own templates: a Relazione without charts gives the
# K-charts finding in both, and check prints what verifiche.txt holds.
add_test(NAME findings_check_equals_build_templates
  COMMAND sh -c "t=$(mktemp -d) && cp -r templates \"$t\"/modelli && sed -i '/```chart/,/```/d' \"$t\"/modelli/*.mustache && ${RELAZIONE_BIN} build samples/comune-montevecchio-2024 --templates \"$t\"/modelli -o \"$t\"/out --formati md >/dev/null 2>&1 && ${RELAZIONE_BIN} check samples/comune-montevecchio-2024 --templates \"$t\"/modelli 2>\"$t\"/check.txt; grep -q 'K-charts' \"$t\"/out/verifiche.txt && grep -q 'K-charts' \"$t\"/check.txt && ! grep -q 'K-charts' tests/golden/comune-montevecchio-2024/verifiche.txt && sed \"s/; esito dell'OIV: .*//\" \"$t\"/check.txt | cmp - \"$t\"/out/verifiche.txt; s=$?; rm -rf \"$t\"; exit $s"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# The body's profile sets the length of point J: <documento nome="relazione"
# parole-massime="1000"> flags the Massa Carrara Relazione (23.342 words),
# which the default 60.000 lets pass.
add_test(NAME findings_profile_max_words
  COMMAND sh -c "t=$(mktemp -d) && cp -r templates \"$t\"/modelli && sed -i 's|<documento nome=\"relazione\" \\(.*\\)>|<documento nome=\"relazione\" \\1 parole-massime=\"1000\">|' \"$t\"/modelli/profili/cciaa.xml && grep -q 'parole-massime=\"1000\"' \"$t\"/modelli/profili/cciaa.xml && ${RELAZIONE_BIN} check samples/cciaa-massa-carrara-2019 --templates \"$t\"/modelli 2>\"$t\"/profilo.txt; ${RELAZIONE_BIN} check samples/cciaa-massa-carrara-2019 2>\"$t\"/predefinito.txt; grep -q 'supera le 1.000 parole' \"$t\"/profilo.txt && ! grep -q 'supera le' \"$t\"/predefinito.txt; s=$?; rm -rf \"$t\"; exit $s"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
