// The Unicode ranges of the UI font. cmake/font.cmake reads this list to subset DejaVu Sans at
// build time, so the font holds exactly these code points, and the UI passes the same list to
// ImGui as its glyph ranges: edit here and both follow (docs/client.md, "Fonts").
#pragma once

namespace novatalk::client {

// Inclusive pairs, zero-terminated: the layout of ImGui's glyph ranges (ImWchar is 16-bit by
// default, so `reinterpret_cast<const ImWchar*>(font_glyph_ranges)` needs no copy; the UI should
// static_assert(sizeof(ImWchar) == sizeof(unsigned short))). ImGui keeps the pointer as long as
// the font lives; a constexpr array outlives it.
// cmake/font.cmake parses the `0xAAAA, 0xBBBB,` lines below: keep one range per line.
inline constexpr unsigned short font_glyph_ranges[] = {
    0x0020, 0x007E,  // Basic Latin (printable)
    0x00A0, 0x00FF,  // Latin-1 Supplement (printable)
    0x0100, 0x017F,  // Latin Extended-A
    0x0180, 0x024F,  // Latin Extended-B
    0x0370, 0x03FF,  // Greek and Coptic
    0x0400, 0x04FF,  // Cyrillic
    0x2000, 0x206F,  // General Punctuation (… U+2026, • U+2022, dashes, quotes)
    0x20A0, 0x20CF,  // Currency Symbols (€ ₽ ₴ ₹ …)
    0x2190, 0x21FF,  // Arrows
    0x2200, 0x22FF,  // Mathematical Operators
    0x25A0, 0x25FF,  // Geometric Shapes
    0x2600, 0x26FF,  // Miscellaneous Symbols
    0x2700, 0x27BF,  // Dingbats
    0xFFFD, 0xFFFD,  // Replacement character: ImGui's fallback glyph for anything else
    0,
};

}  // namespace novatalk::client
