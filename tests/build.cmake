# relazione build on every sample: documents written, structure and figures.
relazione_unit_test(build_docs ${CMAKE_CURRENT_SOURCE_DIR}/build_docs.c)
target_include_directories(build_docs PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})

# Allocation failures at every arena block of a build (tests/alloc_fail.c);
# needs the library's fault-injection hook.
if(RELAZIONE_FAULT_INJECTION)
  relazione_unit_test(alloc_fail ${CMAKE_CURRENT_SOURCE_DIR}/alloc_fail.c)
  target_include_directories(alloc_fail PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
endif()
