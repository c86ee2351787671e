# Fails when a ctest test has no label (tests/CMakeLists.txt).
#   cmake -DBUILD_DIR=build -P tests/check_labels.cmake
execute_process(COMMAND ${CMAKE_CTEST_COMMAND} --test-dir ${BUILD_DIR} -N -LE .
                OUTPUT_VARIABLE listing RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "ctest -N failed (${status}):\n${listing}")
endif()
string(REGEX MATCHALL "Test +#[0-9]+: [^\n]+" unlabelled "${listing}")
if(unlabelled)
  list(JOIN unlabelled "\n  " text)
  message(FATAL_ERROR "tests without a label (give them LABELS):\n  ${text}")
endif()
message(STATUS "every test has a label")
