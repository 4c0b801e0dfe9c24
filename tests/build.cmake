# relazione build on every sample: documents written, structure and figures.
relazione_unit_test(build_docs ${CMAKE_CURRENT_SOURCE_DIR}/build_docs.c)
target_include_directories(build_docs PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
