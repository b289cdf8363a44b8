// Colours as the partner's look options give them: parsing "RRGGBB", WCAG 2 relative luminance
// and contrast ratio, mixing towards white or black. Pure arithmetic: the UI turns them into
// ImGui colours (wasm/ui_theme).
#pragma once

#include <cstdint>
#include <string_view>

#include "core/util/result.hpp"

namespace novatalk::look {

struct rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  friend bool operator==(rgb x, rgb y) { return x.r == y.r && x.g == y.g && x.b == y.b; }
  friend bool operator!=(rgb x, rgb y) { return !(x == y); }
};

enum class colour_error {
  empty,        // nothing given
  bad_length,   // not six hex digits
  not_hex,      // a character other than 0-9, a-f, A-F
};
const char* to_string(colour_error e);  // "empty", "bad_length", "not_hex"

// "7c5cff", "7C5CFF" or "#7c5cff" (the URL's %23 arrives decoded as '#').
result<rgb, colour_error> parse_hex(std::string_view text);

double relative_luminance(rgb c);  // WCAG 2: 0 (black) .. 1 (white)
double contrast_ratio(rgb a, rgb b);  // WCAG 2: 1 .. 21, order does not matter

// `c` moved `amount` (0..1) of the way to `to`, each channel rounded.
rgb mix(rgb c, rgb to, double amount);

inline constexpr rgb white{255, 255, 255};
inline constexpr rgb black{0, 0, 0};

// White or black, whichever reads better on `bg` (white wins a tie: brand buttons are white-on).
rgb text_on(rgb bg);

// `c` mixed towards `toward` in small steps until it reaches `ratio` against `bg` (or `toward`
// itself if it never does): a brand colour made readable as text on a page.
rgb readable_on(rgb c, rgb bg, double ratio, rgb toward);

// WCAG AA for normal text, and for large text and the edges of controls.
inline constexpr double aa_text = 4.5;
inline constexpr double aa_large = 3.0;

}  // namespace novatalk::look
