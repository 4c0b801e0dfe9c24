# PDF renderer: text extraction, fonts, page box, repeated table headers,
# reproducibility, bookmarks and the table of contents.
foreach(kind text fonts bbox header repro outline toc pdfa)
  add_test(NAME pdf_${kind} COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/pdf_check.sh ${RELAZIONE_BIN} ${kind}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
endforeach()

# The UTF-8 decoder the layout and the PDF encoding share.
relazione_unit_test(utf8_test ${CMAKE_CURRENT_SOURCE_DIR}/utf8_test.c)
target_include_directories(utf8_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_SOURCE_DIR}/src)
