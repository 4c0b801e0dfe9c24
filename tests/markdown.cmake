# Measuring generated Markdown (points J and K) a piece at a time.
relazione_unit_test(markdown_pieces ${CMAKE_CURRENT_SOURCE_DIR}/markdown_pieces.c)
target_include_directories(markdown_pieces PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
