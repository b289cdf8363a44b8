// Hex parsing and the WCAG 2 formulas (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance).
#include "core/look/colour.hpp"

#include <cmath>

namespace novatalk::look {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

double linear(std::uint8_t channel) {
  const double s = channel / 255.0;
  return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
}

std::uint8_t toward(std::uint8_t from, std::uint8_t to, double amount) {
  return static_cast<std::uint8_t>(std::lround(from + (to - from) * amount));
}

}  // namespace

const char* to_string(colour_error e) {
  switch (e) {
    case colour_error::empty:
      return "empty";
    case colour_error::bad_length:
      return "bad_length";
    case colour_error::not_hex:
      return "not_hex";
  }
  return "empty";
}

result<rgb, colour_error> parse_hex(std::string_view text) {
  if (!text.empty() && text.front() == '#') text.remove_prefix(1);
  if (text.empty()) return fail(colour_error::empty);
  if (text.size() != 6) return fail(colour_error::bad_length);
  int v[6];
  for (int i = 0; i < 6; ++i) {
    v[i] = hex_digit(text[i]);
    if (v[i] < 0) return fail(colour_error::not_hex);
  }
  return rgb{static_cast<std::uint8_t>(v[0] * 16 + v[1]), static_cast<std::uint8_t>(v[2] * 16 + v[3]),
             static_cast<std::uint8_t>(v[4] * 16 + v[5])};
}

double relative_luminance(rgb c) {
  return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

double contrast_ratio(rgb a, rgb b) {
  const double la = relative_luminance(a), lb = relative_luminance(b);
  const double hi = la > lb ? la : lb, lo = la > lb ? lb : la;
  return (hi + 0.05) / (lo + 0.05);
}

rgb mix(rgb c, rgb to, double amount) {
  if (amount < 0) amount = 0;
  if (amount > 1) amount = 1;
  return {toward(c.r, to.r, amount), toward(c.g, to.g, amount), toward(c.b, to.b, amount)};
}

rgb text_on(rgb bg) { return contrast_ratio(white, bg) >= contrast_ratio(black, bg) ? white : black; }

rgb readable_on(rgb c, rgb bg, double ratio, rgb to) {
  constexpr int steps = 20;  // 5 % at a time: the colour keeps as much of itself as it can
  for (int i = 0; i <= steps; ++i) {
    const rgb m = mix(c, to, static_cast<double>(i) / steps);
    if (contrast_ratio(m, bg) >= ratio) return m;
  }
  return to;
}

}  // namespace novatalk::look
