# PDF renderer: text extraction, fonts, page box, repeated table headers,
# reproducibility, bookmarks and the table of contents.
foreach(kind text fonts bbox header repro outline toc pdfa)
  add_test(NAME pdf_${kind} COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/pdf_check.sh ${RELAZIONE_BIN} ${kind}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
endforeach()
