# The sample PDFs against the standards they claim (tests/pdf_standards.py):
# one fixture renders every sample and the renderer's test documents, the
# checks read that one set.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
  set(RZ_STANDARDS ${CMAKE_CURRENT_SOURCE_DIR}/pdf_standards.py)
  set(RZ_STANDARDS_DIR ${CMAKE_CURRENT_BINARY_DIR}/pdf-standards)
  add_test(NAME pdf_standards_build
    COMMAND ${Python3_EXECUTABLE} ${RZ_STANDARDS} build ${RELAZIONE_BIN} ${RZ_STANDARDS_DIR}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(pdf_standards_build PROPERTIES FIXTURES_SETUP pdf_standards
    SKIP_RETURN_CODE 77)
  # PDF/A-1b, by Apache PDFBox's Preflight; the tagged structure (marked
  # content, ParentTree, Figure /Alt, /Lang); the structure against the
  # Markdown (headings and table header cells, by poppler's pdfinfo).
  foreach(kind preflight tagged structure)
    add_test(NAME pdf_${kind}
      COMMAND ${Python3_EXECUTABLE} ${RZ_STANDARDS} ${kind} ${RZ_STANDARDS_DIR}
      WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
    set_tests_properties(pdf_${kind} PROPERTIES FIXTURES_REQUIRED pdf_standards SKIP_RETURN_CODE 77)
  endforeach()
  set_tests_properties(pdf_structure PROPERTIES TIMEOUT 600)
endif()
