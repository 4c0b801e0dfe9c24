# PDF renderer: text extraction, fonts, page box, repeated table headers,
# reproducibility, bookmarks and the table of contents.
foreach(kind text fonts bbox header repro outline toc pdfa)
  add_test(NAME pdf_${kind} COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/pdf_check.sh ${RELAZIONE_BIN} ${kind}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
endforeach()

# The UTF-8 decoder the layout and the PDF encoding share.
relazione_unit_test(utf8_test ${CMAKE_CURRENT_SOURCE_DIR}/utf8_test.c)
target_include_directories(utf8_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_SOURCE_DIR}/src)

# The renderer's errors a user can cause (fonts missing or unreadable, the
# font folder from option and environment, bad logos, memory running out):
# each a diagnostic naming the file, no output, no leak (tests/pdf_errors.c).
relazione_unit_test(pdf_errors ${CMAKE_CURRENT_SOURCE_DIR}/pdf_errors.c)
target_include_directories(pdf_errors PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
set_tests_properties(pdf_errors PROPERTIES SKIP_RETURN_CODE 77)

# The font folder from --font-dir and RELAZIONE_FONT_DIR on the command
# line: exit code, message and no file left when the fonts are missing.
foreach(kind render build ok)
  add_test(NAME pdf_font_dir_${kind} COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/font_dir.sh ${RELAZIONE_BIN} ${kind}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(pdf_font_dir_${kind} PROPERTIES SKIP_RETURN_CODE 77)
endforeach()
