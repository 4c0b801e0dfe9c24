# Published documents, measured on what every sample yields (Markdown and
# PDF): nothing of the program's own in the text, no type below 7,5 pt, no
# page ending with a heading or a table's header, cover and Title naming
# body and year, every chart with its data and its table.
set(RZ_PUBLISHED_DIR ${CMAKE_BINARY_DIR}/published)
add_test(NAME published_build
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/published_build.sh ${RELAZIONE_BIN} ${RZ_PUBLISHED_DIR}
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(published_build PROPERTIES FIXTURES_SETUP published)
foreach(kind text charts glyphs breaks cover)
  add_test(NAME published_${kind}
    COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/published.py ${RZ_PUBLISHED_DIR} ${kind})
  set_tests_properties(published_${kind} PROPERTIES FIXTURES_REQUIRED published)
endforeach()

relazione_unit_test(md_tidy_test ${CMAKE_CURRENT_SOURCE_DIR}/md_tidy_test.c)
target_include_directories(md_tidy_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_SOURCE_DIR}/src)

# The body's logo (logo.png or logo.jpg in the input folder) on the covers;
# a PNG with transparency or a file that is no image is refused (files cut
# short: tests/pdf_errors.c); a JPEG is taken.
foreach(kind ok alpha bad jpeg)
  add_test(NAME logo_${kind} COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/logo.sh ${RELAZIONE_BIN} ${kind}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
endforeach()
