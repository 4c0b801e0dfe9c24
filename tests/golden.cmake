# Golden files: the documents each sample yields, compared byte for byte.
# After an intended change: tests/golden.sh build/relazione SAMPLE --update,
# then read `git diff tests/golden` before committing.
file(GLOB RZ_GOLDEN_SAMPLES LIST_DIRECTORIES true ${CMAKE_CURRENT_SOURCE_DIR}/golden/*)
foreach(g ${RZ_GOLDEN_SAMPLES})
  if(IS_DIRECTORY ${g})
    get_filename_component(sample ${g} NAME)
    add_test(NAME golden_${sample}
      COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/golden.sh ${RELAZIONE_BIN} ${sample}
      WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  endif()
endforeach()
