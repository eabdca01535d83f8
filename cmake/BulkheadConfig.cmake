# One INTERFACE target that carries warnings and Qt hygiene defines; every target links it.
add_library(bulkhead_config INTERFACE)
target_compile_options(bulkhead_config INTERFACE -Wall -Wextra -Wpedantic)
target_compile_definitions(bulkhead_config INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_USE_QSTRINGBUILDER
  QT_NO_URL_CAST_FROM_STRING
  QT_DISABLE_DEPRECATED_BEFORE=0x060400
  BULKHEAD_VERSION="${PROJECT_VERSION}")

# bulkhead_add_test(NAME SOURCES a.cpp b.cpp [LIBS ...] [LABELS ...])
# One executable per class or feature; registered with CTest, run on the offscreen platform.
function(bulkhead_add_test name)
  cmake_parse_arguments(T "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE bulkhead_core bulkhead_config Qt6::Test ${T_LIBS})
  target_compile_definitions(${name} PRIVATE
    BULKHEAD_TEST_DATA="${PROJECT_SOURCE_DIR}/tests/data")
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  add_test(NAME ${name} COMMAND ${name})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  set_tests_properties(${name} PROPERTIES TIMEOUT ${T_TIMEOUT}
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;BULKHEAD_BIN=${CMAKE_BINARY_DIR}/bin/bulkhead"
    LABELS "${T_LABELS}")
endfunction()
