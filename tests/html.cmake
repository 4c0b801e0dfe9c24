# The HTML pages of every sample: valid, self-contained, accessible
# (axe-core in headless Chromium), and the renderer's structure on small
# inputs (headings, captions, scopes, charts).
file(GLOB RZ_HTML_SAMPLES LIST_DIRECTORIES true ${CMAKE_SOURCE_DIR}/samples/*)
foreach(dir ${RZ_HTML_SAMPLES})
  if(IS_DIRECTORY ${dir})
    get_filename_component(sample ${dir} NAME)
    foreach(kind valid axe self)
      add_test(NAME html_${kind}_${sample}
        COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/html_check.sh ${RELAZIONE_BIN} ${sample} ${kind}
        WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
    endforeach()
    set_tests_properties(html_axe_${sample} html_valid_${sample} PROPERTIES TIMEOUT 300
      SKIP_RETURN_CODE 77)
  endif()
endforeach()

relazione_unit_test(html_render_test ${CMAKE_CURRENT_SOURCE_DIR}/html_render_test.c)
target_include_directories(html_render_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})

# The accessibility check can fail: a page with known faults (low contrast,
# no lang, an unnamed SVG, too wide for a phone) gives exit code 1 and
# names each of them.
add_test(NAME html_axe_finds_faults
  COMMAND sh -c "[ -n \"$RELAZIONE_FRESH_CLONE\" ] && exit 77; out=$(node tests/axe/axe.js tests/axe/cattiva.html); rc=$?; echo \"$out\"; [ $rc -eq 1 ] || exit 1; for r in color-contrast html-has-lang svg-img-alt 'wider than the screen'; do echo \"$out\" | grep -q \"$r\" || exit 1; done"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(html_axe_finds_faults PROPERTIES SKIP_RETURN_CODE 77)
