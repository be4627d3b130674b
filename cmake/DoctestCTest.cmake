# Registers one ctest entry per doctest source file, filtered with doctest's
# --source-file option, so `ctest -j` runs files in parallel and a failure
# names the file it came from.
function(doctest_add_tests target sources)
  foreach(src ${sources})
    file(RELATIVE_PATH rel "${CMAKE_CURRENT_SOURCE_DIR}" "${src}")
    string(REGEX REPLACE "\\.cc$" "" test_name "${rel}")
    add_test(NAME "${test_name}"
             COMMAND ${target} --source-file=*${rel} --no-intro --minimal)
    set_tests_properties("${test_name}" PROPERTIES TIMEOUT 300)
  endforeach()
endfunction()
