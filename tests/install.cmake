# Installation: binary, data, man page, library, header and pkg-config file,
# used from a temporary prefix and another folder (tests/install.sh).
find_program(RZ_MAN man)
if(RZ_MAN)
  add_test(NAME install_prefix
    COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/install.sh ${CMAKE_BINARY_DIR} ${CMAKE_SOURCE_DIR}
      ${RELAZIONE_SANITIZE})
  set_tests_properties(install_prefix PROPERTIES TIMEOUT 120)
else()
  add_test(NAME install_prefix
    COMMAND sh -c "echo 'man non trovato: installare man-db (scripts/setup.sh)'; exit 77")
  set_tests_properties(install_prefix PROPERTIES SKIP_RETURN_CODE 77)
endif()

# A clone with nothing beside it passes `bash scripts/test.sh` (the commit
# under test: commit before running it).
add_test(NAME fresh_clone COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/fresh_clone.sh ${CMAKE_SOURCE_DIR})
set_tests_properties(fresh_clone PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 600)
