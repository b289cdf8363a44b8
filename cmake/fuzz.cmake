# Fuzz targets (docs/fuzzing.md). Each target is one LLVMFuzzerTestOneInput source with a seed
# corpus in tests/fuzz/corpus/<name>/, built twice:
#   <name>_fuzz_replay  with the normal compiler and tests/fuzz/replay_main.cpp; ctest runs it over
#                       the corpus on every `tools/dev test` (seeds and past crashes stay fixed)
#   <name>_fuzzer       with -DNOVATALK_FUZZ=ON (clang): the libFuzzer binary `tools/dev fuzz` runs
# The fuzz tree compiles everything with -fsanitize=fuzzer-no-link (top-level CMakeLists.txt), so
# the libraries linked here carry coverage; only the fuzzer binaries link libFuzzer itself.
# Every target is listed in <build>/fuzz_targets.txt (name, binary, corpus, dictionary or -) for
# tools/dev fuzz.

set(NOVATALK_FUZZ_CORPORA "${PROJECT_SOURCE_DIR}/tests/fuzz/corpus")
set_property(GLOBAL PROPERTY NOVATALK_FUZZ_TARGETS "")

# novatalk_fuzz_target(<name> <source> [DICT <file>] <libraries...>)
function(novatalk_fuzz_target name source)
  cmake_parse_arguments(PARSE_ARGV 2 _f "" "DICT" "")
  set(ARGN ${_f_UNPARSED_ARGUMENTS})
  set(_corpus "${NOVATALK_FUZZ_CORPORA}/${name}")
  set(_dict "-")
  if(_f_DICT)
    set(_dict "${_f_DICT}")
  endif()
  add_executable(${name}_fuzz_replay "${source}" "${PROJECT_SOURCE_DIR}/tests/fuzz/replay_main.cpp")
  target_link_libraries(${name}_fuzz_replay PRIVATE ${ARGN} novatalk_warnings)
  add_test(NAME ${name}_fuzz_replay COMMAND ${name}_fuzz_replay "${_corpus}")
  set_tests_properties(${name}_fuzz_replay PROPERTIES LABELS fuzz TIMEOUT 300)
  if(NOVATALK_FUZZ)
    add_executable(${name}_fuzzer "${source}")
    target_link_libraries(${name}_fuzzer PRIVATE ${ARGN} novatalk_warnings)
    target_link_options(${name}_fuzzer PRIVATE -fsanitize=fuzzer)
    set_property(GLOBAL APPEND PROPERTY NOVATALK_FUZZ_TARGETS
                 "${name} $<TARGET_FILE:${name}_fuzzer> ${_corpus} ${_dict}")
  endif()
endfunction()

# Called once at the end of the top-level CMakeLists.txt, after every target exists.
function(novatalk_write_fuzz_targets)
  get_property(_targets GLOBAL PROPERTY NOVATALK_FUZZ_TARGETS)
  list(JOIN _targets "\n" _lines)
  file(GENERATE OUTPUT "${CMAKE_BINARY_DIR}/fuzz_targets.txt" CONTENT "${_lines}\n")
endfunction()
