# The source tree's shape (tests/architecture.sh): only src/input/ includes
# the XML library's headers, and no source file is over 1 000 lines but the
# ones listed there while they are split. The self-test checks that the
# script reports each kind of break.
add_test(NAME architecture
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/architecture.sh src
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
add_test(NAME architecture_self_test
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/architecture.sh --self-test
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
