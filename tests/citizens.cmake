# The summary for citizens: one A4 page in PDF for every sample that has
# one, and the best and worst results in the order of their scores.
add_test(NAME citizens_one_page
  COMMAND sh -c "t=$(mktemp -d); n=0; for s in samples/*/; do $<TARGET_FILE:relazione> build \"$s\" -o \"$t/o\" --formati pdf >/dev/null 2>&1 || exit 1; f=\"$t/o/sintesi-cittadini.pdf\"; if [ -e \"$f\" ]; then p=$(pdfinfo \"$f\" | awk '/^Pages:/ {print $2}'); echo \"$s: $p\"; [ \"$p\" = 1 ] || exit 1; n=$((n+1)); fi; rm -rf \"$t/o\"; done; rm -rf \"$t\"; [ $n -ge 3 ]"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
relazione_unit_test(citizens_test ${CMAKE_CURRENT_SOURCE_DIR}/citizens_test.c)
target_include_directories(citizens_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
