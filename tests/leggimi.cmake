# templates/LEGGIMI.md lists every key the templates can use; it is
# generated from the view of the samples by relazione-chiavi (tools/chiavi.c)
# and must be regenerated when a key is added, removed or explained anew:
#   build/relazione-chiavi -o templates/LEGGIMI.md samples/*/
# The test fails when the file in the repository is not what the generator
# writes now, or when a key of the view has no meaning in the table.
file(GLOB RZ_LEGGIMI_SAMPLES LIST_DIRECTORIES true ${CMAKE_SOURCE_DIR}/samples/*)
set(RZ_LEGGIMI_DIRS "")
foreach(s ${RZ_LEGGIMI_SAMPLES})
  if(IS_DIRECTORY ${s})
    get_filename_component(name ${s} NAME)
    list(APPEND RZ_LEGGIMI_DIRS samples/${name}/)
  endif()
endforeach()
add_test(NAME leggimi_aggiornato
  COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/leggimi.sh $<TARGET_FILE:relazione-chiavi> ${RZ_LEGGIMI_DIRS}
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
