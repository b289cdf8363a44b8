# Third-party libraries, all from Debian packages. Under Emscripten, CMake's find_package only
# searches the Emscripten sysroot, so the header-only and source-built ones are wired by path.

# nlohmann-json (header-only). Expose only its own folder, never all of /usr/include, so the
# Emscripten build cannot pick up the host's C library headers.
find_path(NOVATALK_NLOHMANN_INCLUDE nlohmann/json.hpp PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH REQUIRED)
set(_nlohmann_shim "${CMAKE_BINARY_DIR}/third_party/include")
if(NOT EXISTS "${_nlohmann_shim}/nlohmann")
  file(MAKE_DIRECTORY "${_nlohmann_shim}")
  file(CREATE_LINK "${NOVATALK_NLOHMANN_INCLUDE}/nlohmann" "${_nlohmann_shim}/nlohmann" SYMBOLIC)
endif()
add_library(novatalk_json INTERFACE)
target_include_directories(novatalk_json SYSTEM INTERFACE "${_nlohmann_shim}")
# No exceptions anywhere: a type error in our use of the library aborts (and fails a test)
# instead of throwing across the wasm boundary.
target_compile_definitions(novatalk_json INTERFACE JSON_NOEXCEPTION=1)
