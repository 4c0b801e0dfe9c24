# The Allegati encoded from seeds 000 (CCIAA Lucca 2020, Allegato 1 as a table
# and Allegato 2) and 002 (CCIAA Brescia 2020, Allegato 1 as prose): valid under
# allegato1.xsd / allegato2.xsd for an independent validator (xmllint) and for
# `relazione validate`; every question of the sheet present, in order; and the
# schemas refuse an answer outside the closed set, a sixth item in a list of at
# most five, and a negative count. (That each schema compiles is checked for
# every schemas/*.xsd in validate.cmake.)
find_program(XMLLINT xmllint)
# Fragments are included in name order: this one cannot rely on validate.cmake.
set(RZ_EXPECT_AL ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh)

# name|file|schema
set(RZ_SAMPLES_AL
  "lucca2020_allegato1|samples/cciaa-lucca-2020/allegato1.xml|allegato1.xsd"
  "lucca2020_allegato2|samples/cciaa-lucca-2020/allegato2.xml|allegato2.xsd"
  "brescia2020_allegato1|samples/cciaa-brescia-2020/allegato1.xml|allegato1.xsd")

# name|file|schema|what xmllint must say
set(RZ_BAD_AL
  "scelta_fuori_elenco|tests/bad/allegati/scelta-fuori-elenco.xml|allegato1.xsd|:13: .*attribute 'scelta'.*'forse' is not an element of the set"
  "sei_applicativi|tests/bad/allegati/sei-applicativi.xml|allegato1.xsd|:21: .*'\\{urn:relazione:allegato1:1\\}voce': This element is not expected"
  "conteggio_negativo|tests/bad/allegati/conteggio-negativo.xml|allegato2.xsd|:12: .*'-1' is not a valid value of the union type")

function(rz_allegati_skip name)
  add_test(NAME ${name}
    COMMAND sh -c "echo 'xmllint non trovato: installare libxml2-utils'; exit 77")
  set_tests_properties(${name} PROPERTIES SKIP_RETURN_CODE 77)
endfunction()

foreach(entry ${RZ_SAMPLES_AL})
  string(REPLACE "|" ";" parts "${entry}")
  list(GET parts 0 name)
  list(GET parts 1 file)
  list(GET parts 2 xsd)
  relazione_xmllint_test(sample_xsd_${name} ${xsd} ${file})
endforeach()

# xmllint exits 3 when the instance is invalid (5 would mean a broken schema).
foreach(entry ${RZ_BAD_AL})
  string(REPLACE "|" ";" parts "${entry}")
  list(GET parts 0 name)
  list(GET parts 1 file)
  list(GET parts 2 xsd)
  list(GET parts 3 regex)
  if(XMLLINT)
    add_test(NAME bad_xsd_allegati_${name}
      COMMAND ${RZ_EXPECT_AL} 3 "${regex}" -- ${XMLLINT} --noout --nonet --schema schemas/${xsd} ${file}
      WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  else()
    rz_allegati_skip(bad_xsd_allegati_${name})
  endif()
endforeach()

add_test(NAME sample_allegati_validate
  COMMAND ${RZ_EXPECT_AL} 0 "^3 file validi \\(0 avvisi\\)" -- ${RELAZIONE_BIN} validate
    samples/cciaa-lucca-2020/allegato1.xml samples/cciaa-lucca-2020/allegato2.xml
    samples/cciaa-brescia-2020/allegato1.xml
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

# The questions of each sample, in document order: the sheet's 40 for Lucca;
# Brescia prints no question of section 9.
set(RZ_DOMANDE_1_8 1.1 1.2 1.3 1.4 1.5 2.1 2.2 2.3 2.4 3.1 3.2 4.1 4.2 5.1 5.2 6.1 6.2 6.3 6.4
  7.1 7.2 8.1 8.2)
set(RZ_DOMANDE_10_16 10.1 10.2 11.1 12.1 12.2 13.1 13.2 14.1 14.2 15.1 15.2 15.3 16.1 16.2)
set(RZ_DOMANDE_LUCCA ${RZ_DOMANDE_1_8} 9.1 9.2 9.3 ${RZ_DOMANDE_10_16})
set(RZ_DOMANDE_BRESCIA ${RZ_DOMANDE_1_8} ${RZ_DOMANDE_10_16})
foreach(sample lucca brescia)
  string(TOUPPER ${sample} up)
  string(REPLACE ";" " " want "${RZ_DOMANDE_${up}}")
  if(XMLLINT)
    add_test(NAME sample_allegato1_domande_${sample}
      COMMAND sh -c "got=$(${XMLLINT} --xpath '//*[local-name()=\"domanda\"]/@codice' \"$1\" | grep -o '[0-9]*\\.[0-9]*' | tr '\\n' ' '); echo \"$got\"; test \"$got\" = \"$2 \""
        sh samples/cciaa-${sample}-2020/allegato1.xml "${want}"
      WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  else()
    rz_allegati_skip(sample_allegato1_domande_${sample})
  endif()
endforeach()
