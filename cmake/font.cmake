# The UI font (docs/client.md, "Fonts"): DejaVu Sans and DejaVu Sans Bold from Debian's
# fonts-dejavu-core, subset at build time with fonttools' pyftsubset to the ranges listed in
# wasm/font_ranges.hpp, kept TrueType (ImGui's stb_truetype reads no WOFF2), installed as
# www/fonts/novatalk-sans.ttf and novatalk-sans-bold.ttf. Included from wasm/CMakeLists.txt.

set(NOVATALK_FONT_DIR "/usr/share/fonts/truetype/dejavu" CACHE PATH
    "Where DejaVuSans.ttf and DejaVuSans-Bold.ttf are (Debian package fonts-dejavu-core)")
# Emscripten's toolchain confines find_program to its sysroot: look on the host.
find_program(NOVATALK_PYFTSUBSET pyftsubset NO_CMAKE_FIND_ROOT_PATH)
if(NOT NOVATALK_PYFTSUBSET)
  message(FATAL_ERROR "pyftsubset not found (Debian package fonttools; run tools/dev setup)")
endif()

# The ranges have one home, the header the UI hands to ImGui; a change to it re-runs this.
set(_font_ranges_header "${PROJECT_SOURCE_DIR}/wasm/font_ranges.hpp")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_font_ranges_header}")
file(STRINGS "${_font_ranges_header}" _font_range_lines
     REGEX "^ *0x[0-9A-Fa-f]+, *0x[0-9A-Fa-f]+,")
set(_font_unicodes)
foreach(_line IN LISTS _font_range_lines)
  string(REGEX MATCH "0x([0-9A-Fa-f]+), *0x([0-9A-Fa-f]+)" _match "${_line}")
  list(APPEND _font_unicodes "U+${CMAKE_MATCH_1}-${CMAKE_MATCH_2}")
endforeach()
if(NOT _font_unicodes)
  message(FATAL_ERROR "no `0xAAAA, 0xBBBB,` range lines found in ${_font_ranges_header}")
endif()
list(JOIN _font_unicodes "," _font_unicodes)

# Only what ImGui reads: outlines (glyf/loca), cmap, metrics, and the copyright and licence names
# (the Bitstream Vera licence wants its notice kept with the font). stb_truetype runs no hinting
# program and ImGui 1.86 does no shaping or kerning, so those tables go.
set(_font_subset_options
  "--unicodes=${_font_unicodes}"
  --no-hinting
  --layout-features=
  --drop-tables+=GSUB,GPOS,GDEF,kern,gasp,FFTM,BASE,JSTF,MATH
  --no-glyph-names
  --name-IDs=0,1,2,3,4,5,6,13,14
  --name-languages=0x409
)

set(_font_out_dir "${CMAKE_CURRENT_BINARY_DIR}/fonts")
set(_font_outputs)
foreach(_face IN ITEMS "DejaVuSans=novatalk-sans" "DejaVuSans-Bold=novatalk-sans-bold")
  string(REPLACE "=" ";" _face "${_face}")
  list(GET _face 0 _src_name)
  list(GET _face 1 _out_name)
  set(_src "${NOVATALK_FONT_DIR}/${_src_name}.ttf")
  if(NOT EXISTS "${_src}")
    message(FATAL_ERROR "${_src} not found (Debian package fonts-dejavu-core; run tools/dev setup)")
  endif()
  set(_out "${_font_out_dir}/${_out_name}.ttf")
  add_custom_command(
    OUTPUT "${_out}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${_font_out_dir}"
    COMMAND "${NOVATALK_PYFTSUBSET}" "${_src}" ${_font_subset_options} "--output-file=${_out}"
    DEPENDS "${_src}" "${_font_ranges_header}" "${CMAKE_CURRENT_LIST_FILE}"
    COMMENT "Subsetting ${_src_name}.ttf into fonts/${_out_name}.ttf"
    VERBATIM)
  list(APPEND _font_outputs "${_out}")
endforeach()
add_custom_target(novatalk_fonts ALL DEPENDS ${_font_outputs})
install(FILES ${_font_outputs} DESTINATION www/fonts)
