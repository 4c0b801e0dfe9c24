# Reliability: the defects fuzzing and hostile inputs found, one test each
# (tests/reliability.sh says what each checks).
foreach(kind longword longname links noheading fifo stale atomic kill)
  add_test(NAME reliability_${kind}
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/reliability.sh ${RELAZIONE_BIN} ${kind}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
endforeach()
