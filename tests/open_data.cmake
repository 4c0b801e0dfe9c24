# Open data of every sample: CSV parsed back, numbers plain, codes joined,
# JSON valid under its schema and equal to the CSV, figures equal to those
# the documents print. Debian's python3 carries python3-jsonschema
# (scripts/setup.sh); without it the test fails and says so.
find_program(RZ_DEBIAN_PYTHON NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT RZ_DEBIAN_PYTHON)
  find_program(RZ_DEBIAN_PYTHON python3)
endif()
file(GLOB RZ_DATA_SAMPLES LIST_DIRECTORIES true ${CMAKE_SOURCE_DIR}/samples/*)
foreach(dir ${RZ_DATA_SAMPLES})
  if(IS_DIRECTORY ${dir})
    get_filename_component(sample ${dir} NAME)
    add_test(NAME open_data_${sample}
      COMMAND ${RZ_DEBIAN_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/open_data_check.py ${RELAZIONE_BIN} ${sample}
      WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  endif()
endforeach()
add_test(NAME open_data_schema_valid
  COMMAND ${RZ_DEBIAN_PYTHON} -c "import json, jsonschema; jsonschema.Draft202012Validator.check_schema(json.load(open('schemas/relazione-dati.schema.json'))); print('1 passed, 0 failed')"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})

# The licence is the one the Piano sets (<licenza-dati>), CC BY 4.0 without it.
add_test(NAME open_data_licence
  COMMAND sh -c "t=$(mktemp -d) && cp samples/cciaa-lucca-2017/*.xml \"$t\"/ && sed -i 's|</nome-breve>|</nome-breve><licenza-dati>CC0 1.0</licenza-dati>|' \"$t\"/piano.xml && $<TARGET_FILE:relazione> build \"$t\" -o \"$t/out\" --formati dati >/dev/null 2>&1 && grep -q '\"licenza\": \"CC0 1.0\"' \"$t/out/dati/relazione.json\" && grep -q 'licenza \\*\\*CC0 1.0\\*\\*' \"$t/out/dati/LEGGIMI.md\" && $<TARGET_FILE:relazione> build samples/cciaa-lucca-2017 -o \"$t/d\" --formati dati >/dev/null 2>&1 && grep -q '\"licenza\": \"CC BY 4.0\"' \"$t/d/dati/relazione.json\"; rc=$?; rm -rf \"$t\"; exit $rc"
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
