// The colour values of both schemes. Dark is the look NovaTalk always had (kept value for value:
// the layout test's screenshots compare pixels); light has the same roles, each text colour
// checked against its background in tests/core/look/palette_test.cpp.
#include "core/look/palette.hpp"

namespace novatalk::look {

std::optional<scheme> parse_scheme(std::string_view text) {
  if (text == "dark") return scheme::dark;
  if (text == "light") return scheme::light;
  return std::nullopt;
}

const char* to_string(scheme s) { return s == scheme::light ? "light" : "dark"; }

palette dark_palette() {
  palette p;
  p.background = {11, 13, 20};
  p.background_top = {24, 20, 46};
  p.surface = {22, 26, 38};
  p.surface_raised = {32, 37, 53};
  p.surface_hover = {44, 50, 70};
  p.border = {52, 58, 80};
  p.text = {242, 244, 250};
  p.text_muted = {160, 168, 190};
  p.brand = {124, 92, 255};
  p.brand_hover = {142, 115, 255};
  p.brand_active = {105, 74, 232};
  p.on_brand = white;
  p.brand_text = {142, 115, 255};
  p.stranger_text = {255, 92, 138};
  p.spark = {255, 92, 138};
  p.bubble_me = {94, 68, 220};
  p.on_bubble_me = p.text;
  p.bubble_stranger = {38, 44, 62};
  p.icon = white;
  p.good = {61, 214, 140};
  p.weak = {245, 185, 66};
  p.bad = {242, 85, 90};
  p.danger = {229, 72, 77};
  p.danger_hover = {240, 92, 96};
  p.on_danger = white;
  p.focus_ring = white;
  p.video_well = {6, 7, 11};
  p.on_video = p.text;
  p.on_video_muted = p.text_muted;
  return p;
}

palette light_palette() {
  palette p;
  p.background = {246, 247, 251};
  p.background_top = {233, 228, 255};  // a pale violet glow
  p.surface = {255, 255, 255};
  p.surface_raised = {236, 238, 245};
  p.surface_hover = {223, 227, 238};
  p.border = {206, 211, 226};
  p.text = {21, 24, 36};
  p.text_muted = {82, 89, 110};
  p.brand = {108, 71, 255};
  p.brand_hover = {96, 60, 240};
  p.brand_active = {82, 48, 214};
  p.on_brand = white;
  p.brand_text = {88, 52, 230};
  p.stranger_text = {196, 32, 92};
  p.spark = {255, 92, 138};
  p.bubble_me = {108, 71, 255};
  p.on_bubble_me = white;
  p.bubble_stranger = {232, 235, 243};
  p.icon = p.text;
  p.good = {20, 150, 90};
  p.weak = {156, 96, 0};
  p.bad = {200, 36, 44};
  p.danger = {205, 43, 50};
  p.danger_hover = {220, 58, 64};
  p.on_danger = white;
  p.focus_ring = {21, 24, 36};
  p.video_well = {28, 31, 43};
  p.on_video = {242, 244, 250};
  p.on_video_muted = {176, 183, 203};
  return p;
}

palette with_brand(palette p, scheme s, rgb brand) {
  const bool dark = s == scheme::dark;
  p.brand = brand;
  p.on_brand = text_on(brand);
  // Hover a little lighter, pressed a little darker; a pale brand darkens for both (it cannot get
  // lighter), a near-black one lightens for both, so the change always shows.
  const double l = relative_luminance(brand);
  if (l > 0.5) {
    p.brand_hover = mix(brand, black, 0.10);
    p.brand_active = mix(brand, black, 0.20);
  } else if (l < 0.01) {
    p.brand_hover = mix(brand, white, 0.12);
    p.brand_active = mix(brand, white, 0.22);
  } else {
    p.brand_hover = mix(brand, white, 0.12);
    p.brand_active = mix(brand, black, 0.15);
  }
  p.brand_text = readable_on(brand, p.background, aa_text, dark ? white : black);
  p.bubble_me = dark ? mix(brand, black, 0.15) : brand;
  p.on_bubble_me = text_on(p.bubble_me);
  p.background_top = mix(p.background, brand, dark ? 0.12 : 0.10);
  if (!dark) p.focus_ring = p.text;
  return p;
}

palette make_palette(scheme s, std::optional<rgb> brand) {
  palette p = s == scheme::light ? light_palette() : dark_palette();
  return brand ? with_brand(p, s, *brand) : p;
}

}  // namespace novatalk::look
