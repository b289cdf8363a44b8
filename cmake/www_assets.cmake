# Makes an installed site CDN-ready (docs/cdn.md, "Build"): content-hashed names for the files
# index.html loads, and .br/.gz siblings for compressible files. Run by `cmake --install` of the
# wasm tree after everything is in <prefix>/www (wasm/CMakeLists.txt), or by hand:
#   cmake -DWWW=out/www [-DBROTLI=/usr/bin/brotli] [-DGZIP=/bin/gzip] [-DCACHE_DIR=dir] -P cmake/www_assets.cmake
cmake_minimum_required(VERSION 3.20)

get_filename_component(WWW "${WWW}" ABSOLUTE)  # relative to the working directory (globs need it)
if(NOT WWW OR NOT EXISTS "${WWW}/index.html")
  message(FATAL_ERROR "www_assets: WWW=${WWW} is not an installed site (no index.html)")
endif()
foreach(_tool BROTLI GZIP)
  string(TOLOWER "${_tool}" _name)
  if(NOT ${_tool})
    find_program(${_tool} ${_name})
  endif()
  if(NOT ${_tool})
    message(FATAL_ERROR "www_assets: ${_name} not found (Debian package ${_name}; run tools/dev setup)")
  endif()
endforeach()

# --- 1. Content-hashed names: <stem>.<first 10 hex of SHA-256>.<ext>. index.html names them in
# its loader's data-* attributes and <link>/<script>; it keeps its own name (short cache), the
# hashed files never change (cached for a year). Old hashes from earlier installs are removed.
set(NOVATALK_HASHED_FILES novatalk.js novatalk.wasm loader.js app.css
    fonts/novatalk-sans.ttf fonts/novatalk-sans-bold.ttf)
set(NOVATALK_HASH_CHARS 10)

file(READ "${WWW}/index.html" _page)
foreach(_rel IN LISTS NOVATALK_HASHED_FILES)
  set(_file "${WWW}/${_rel}")
  if(NOT EXISTS "${_file}")
    message(FATAL_ERROR "www_assets: ${_rel} is not in ${WWW} (was it installed?)")
  endif()
  file(SHA256 "${_file}" _sha)
  string(SUBSTRING "${_sha}" 0 ${NOVATALK_HASH_CHARS} _hash)
  get_filename_component(_dir "${_rel}" DIRECTORY)
  get_filename_component(_stem "${_rel}" NAME_WLE)
  get_filename_component(_ext "${_rel}" LAST_EXT)
  set(_prefix "")
  if(_dir)
    set(_prefix "${_dir}/")
  endif()
  set(_new_rel "${_prefix}${_stem}.${_hash}${_ext}")

  # Stale hashes of this file (and their .br/.gz) from an earlier install.
  string(REPLACE "." "\\." _stem_re "${_stem}")
  string(REPLACE "." "\\." _ext_re "${_ext}")
  file(GLOB _old RELATIVE "${WWW}" "${WWW}/${_prefix}${_stem}.*")
  foreach(_o IN LISTS _old)
    get_filename_component(_o_name "${_o}" NAME)
    if(_o_name MATCHES "^${_stem_re}\\.[0-9a-f]+${_ext_re}(\\.br|\\.gz)?$" AND
       NOT _o STREQUAL _new_rel)
      file(REMOVE "${WWW}/${_o}")
    endif()
  endforeach()
  file(RENAME "${_file}" "${WWW}/${_new_rel}")

  # In index.html the name stands between quotes or spaces (a list attribute such as data-fonts).
  string(REPLACE "." "\\." _rel_re "${_rel}")
  string(REGEX MATCHALL "[\" ]${_rel_re}[\" ]" _uses "${_page}")
  if(NOT _uses)
    message(FATAL_ERROR "www_assets: index.html does not name ${_rel} (shell/index.html changed?)")
  endif()
  string(REGEX REPLACE "([\" ])${_rel_re}([\" ])" "\\1${_new_rel}\\2" _page "${_page}")
  if(_rel STREQUAL "novatalk.wasm")
    # The loader's progress bar counts against the size as built (compressed transfers too).
    file(SIZE "${WWW}/${_new_rel}" _wasm_bytes)
    string(REPLACE "data-wasm-bytes=\"\"" "data-wasm-bytes=\"${_wasm_bytes}\"" _page "${_page}")
  endif()
  message(STATUS "www_assets: ${_rel} -> ${_new_rel}")
endforeach()
file(WRITE "${WWW}/index.html" "${_page}")

# --- 2. Precompressed siblings: <file>.br (brotli -q 11) and <file>.gz (gzip -9 -n, no name or
# time, so the bytes depend on the content only) for compressible types above 1 KiB (below that
# the headers outweigh the saving). A server or CDN picks one by Accept-Encoding.
set(NOVATALK_COMPRESS_EXTENSIONS .js .wasm .html .css .json .ttf .svg .txt .xml .map)
set(NOVATALK_COMPRESS_MIN_BYTES 1024)

# brotli -q 11 of the .wasm takes seconds: the results are kept by content hash in CACHE_DIR.
if(CACHE_DIR)
  file(MAKE_DIRECTORY "${CACHE_DIR}")
  file(GLOB _cache_before "${CACHE_DIR}/*")
endif()
set(_cache_used)
set(_compressed)

file(GLOB_RECURSE _all LIST_DIRECTORIES false RELATIVE "${WWW}" "${WWW}/*")
foreach(_rel IN LISTS _all)
  get_filename_component(_ext "${_rel}" LAST_EXT)
  string(TOLOWER "${_ext}" _ext)
  if(NOT _ext IN_LIST NOVATALK_COMPRESS_EXTENSIONS)
    continue()
  endif()
  file(SIZE "${WWW}/${_rel}" _size)
  if(_size LESS NOVATALK_COMPRESS_MIN_BYTES)
    continue()
  endif()
  file(SHA256 "${WWW}/${_rel}" _sha)
  foreach(_enc IN ITEMS br gz)
    set(_out "${WWW}/${_rel}.${_enc}")
    set(_cached "")
    if(CACHE_DIR)
      set(_cached "${CACHE_DIR}/${_sha}.${_enc}")
      list(APPEND _cache_used "${_cached}")
      if(EXISTS "${_cached}")
        file(COPY_FILE "${_cached}" "${_out}")
        continue()
      endif()
    endif()
    if(_enc STREQUAL "br")
      execute_process(COMMAND "${BROTLI}" -q 11 -f -o "${_out}" "${WWW}/${_rel}"
                      RESULT_VARIABLE _rc ERROR_VARIABLE _err)
    else()
      execute_process(COMMAND "${GZIP}" -9 -n -c "${WWW}/${_rel}" OUTPUT_FILE "${_out}"
                      RESULT_VARIABLE _rc ERROR_VARIABLE _err)
    endif()
    if(_rc)
      message(FATAL_ERROR "www_assets: compressing ${_rel} (${_enc}) failed: ${_rc} ${_err}")
    endif()
    if(_cached)
      file(COPY_FILE "${_out}" "${_cached}")
    endif()
  endforeach()
  list(APPEND _compressed "${_rel}")
endforeach()

# Siblings whose file is gone or no longer compressed (an earlier install) go too.
foreach(_rel IN LISTS _all)
  if(_rel MATCHES "^(.*)\\.(br|gz)$" AND NOT CMAKE_MATCH_1 IN_LIST _compressed)
    file(REMOVE "${WWW}/${_rel}")
  endif()
endforeach()
if(CACHE_DIR)
  foreach(_c IN LISTS _cache_before)
    if(NOT _c IN_LIST _cache_used)
      file(REMOVE "${_c}")
    endif()
  endforeach()
endif()
list(LENGTH _compressed _n)
message(STATUS "www_assets: ${_n} files with .br and .gz siblings in ${WWW}")
