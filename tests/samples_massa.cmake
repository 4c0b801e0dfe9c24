# The acceptance sample encoded from seed 003 (CCIAA Massa-Carrara, Relazione
# sulla performance 2019): the three files are valid under the schemas, checked by
# an independent validator (xmllint), and relazione validate accepts them.
# The checks below prove that the document's own contradictions are still in
# the data (they are meant to be found, not fixed).
find_program(XMLLINT xmllint)
set(RZ_EXPECT_MASSA ${CMAKE_CURRENT_SOURCE_DIR}/expect.sh)
set(RZ_MASSA samples/cciaa-massa-carrara-2019)

foreach(kind piano monitoraggio contesto)
  relazione_xmllint_test(sample_xsd_massa_${kind} ${kind}.xsd ${RZ_MASSA}/${kind}.xml)
endforeach()

add_test(NAME sample_massa_validate
  COMMAND ${RZ_EXPECT_MASSA} 0 "3 file validi \\(0 avvisi\\)" --
    ${RELAZIONE_BIN} validate ${RZ_MASSA}/piano.xml ${RZ_MASSA}/monitoraggio.xml ${RZ_MASSA}/contesto.xml
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

# The albero prints 200,00% for O2.1.3-g; the unit sheet S5 gives 144 / 164.
add_test(NAME sample_massa_check_200_percent
  COMMAND ${RZ_EXPECT_MASSA} 1 "O2\\.1\\.3-g: risultato stampato 200,00%, i dati danno 87,80%" --
    ${RELAZIONE_BIN} check ${RZ_MASSA}
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

# The entity's 100,0% of section 1 rests on the body's own claim about OS 3.2;
# with the OIV's 91 the entity is 97,8%.
add_test(NAME sample_massa_check_entity_claim
  COMMAND ${RZ_EXPECT_MASSA} 1 "ente \\(1 I principali risultati raggiunti, PERFORMANCE DI ENTE, p\\. 5[;)].*rettifiche dichiarate ma non approvate.* 97,8%" --
    ${RELAZIONE_BIN} check ${RZ_MASSA}
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
