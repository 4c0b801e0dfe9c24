# The C sources are formatted with the checked-in .clang-format.
find_program(CLANG_FORMAT NAMES clang-format clang-format-14)
if(CLANG_FORMAT)
  add_test(NAME style_clang_format
    COMMAND sh -c "find src tests bench -name node_modules -prune -o -name '*.[ch]' -print | xargs -r ${CLANG_FORMAT} --dry-run --Werror"
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
endif()
