# Fuzzing beside the code (tests/fuzz): with -DRELAZIONE_FUZZ=ON (clang),
# each harness runs RELAZIONE_FUZZ_SECONDS from its seed corpus, so that a
# crash, a sanitizer report or a hang on inputs near the known ones fails
# the suite. One XML harness serves the five schemas; each test gives it the
# seeds of one schema (the root's namespace picks schema and model).
if(RELAZIONE_FUZZ)
  foreach(harness xml mustache pdf json)
    add_executable(fuzz_${harness} ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_${harness}.c)
    target_compile_options(fuzz_${harness} PRIVATE ${RELAZIONE_WARNINGS})
    target_link_options(fuzz_${harness} PRIVATE -fsanitize=fuzzer)
    target_link_libraries(fuzz_${harness} PRIVATE relazione_lib)
  endforeach()
  foreach(target xml-piano xml-monitoraggio xml-contesto xml-allegato1 xml-allegato2 mustache pdf json)
    string(REGEX REPLACE "-.*" "" harness ${target})
    add_test(NAME fuzz_${target}
      COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/run.sh ${target} $<TARGET_FILE:fuzz_${harness}>
              ${RELAZIONE_FUZZ_SECONDS}
      WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  endforeach()
endif()
