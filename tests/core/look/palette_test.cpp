// Tests of core/look/palette: the dark scheme is today's look, value for value; in both schemes,
// with or without a partner's brand colour, every text colour reads on what it is drawn on
// (WCAG AA: 4.5:1 for text, 3:1 for large text and status dots).
#include "core/look/palette.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace novatalk::look {
namespace {

std::string str(rgb c) {
  return std::to_string(c.r) + "," + std::to_string(c.g) + "," + std::to_string(c.b);
}

// `brand_large`: the ratio on_brand must reach on brand. Today's violet with white is 4.35:1,
// AA for large text: the dark look keeps it (pixel-identical), its labels are bold 18-26 px.
void expect_readable(const palette& p, const std::string& what, double brand_min = aa_text) {
  SCOPED_TRACE(what);
  struct pair {
    const char* name;
    rgb fg, bg;
    double min;
  };
  const std::vector<pair> pairs = {
      {"text on background", p.text, p.background, aa_text},
      {"text on background_top", p.text, p.background_top, aa_text},
      {"text on surface", p.text, p.surface, aa_text},
      {"text on surface_raised", p.text, p.surface_raised, aa_text},
      {"text on surface_hover", p.text, p.surface_hover, aa_text},
      {"muted on background", p.text_muted, p.background, aa_text},
      {"muted on background_top", p.text_muted, p.background_top, aa_text},
      {"muted on surface", p.text_muted, p.surface, aa_text},
      {"muted on surface_raised", p.text_muted, p.surface_raised, aa_text},
      {"on_brand on brand", p.on_brand, p.brand, brand_min},
      {"on_brand on brand_hover", p.on_brand, p.brand_hover, aa_large},
      {"on_brand on brand_active", p.on_brand, p.brand_active, aa_large},
      {"brand_text on background", p.brand_text, p.background, aa_text},
      {"brand_text on surface", p.brand_text, p.surface, aa_large},
      {"stranger_text on surface", p.stranger_text, p.surface, aa_text},
      {"on_bubble_me on bubble_me", p.on_bubble_me, p.bubble_me, aa_text},
      {"text on bubble_stranger", p.text, p.bubble_stranger, aa_text},
      {"icon on surface_raised", p.icon, p.surface_raised, aa_large},
      {"weak (notices) on background", p.weak, p.background, aa_text},
      {"bad (errors) on background", p.bad, p.background, aa_text},
      {"good dot on surface_raised", p.good, p.surface_raised, aa_large},
      {"on_danger on danger", p.on_danger, p.danger, aa_large},
      {"focus ring on background", p.focus_ring, p.background, aa_large},
      {"on_video on video_well", p.on_video, p.video_well, aa_text},
      {"on_video_muted on video_well", p.on_video_muted, p.video_well, aa_text},
  };
  for (const pair& x : pairs) {
    EXPECT_GE(contrast_ratio(x.fg, x.bg), x.min)
        << x.name << ": " << str(x.fg) << " on " << str(x.bg);
  }
}

TEST(Palette, DarkIsTodaysLook) {
  const palette p = dark_palette();
  EXPECT_EQ(p.background, (rgb{11, 13, 20}));
  EXPECT_EQ(p.brand, (rgb{124, 92, 255}));
  EXPECT_EQ(p.brand_hover, (rgb{142, 115, 255}));
  EXPECT_EQ(p.text, (rgb{242, 244, 250}));
  EXPECT_EQ(p.on_video, p.text);  // the hero's lines did not change colour
  EXPECT_EQ(make_palette(scheme::dark, std::nullopt).background, p.background);
}

TEST(Palette, LightIsLight) {
  const palette p = light_palette();
  EXPECT_GT(relative_luminance(p.background), 0.85);
  EXPECT_GT(relative_luminance(p.surface), 0.85);
  EXPECT_LT(relative_luminance(p.text), 0.05);
  EXPECT_EQ(make_palette(scheme::light, std::nullopt).background, p.background);
}

TEST(Palette, EveryTextColourReadsInBothSchemes) {
  expect_readable(dark_palette(), "dark", aa_large);
  expect_readable(light_palette(), "light");
}

TEST(Palette, EveryBrandColourKeepsItReadable) {
  // Partners' colours from pale to deep, saturated and grey.
  const std::vector<rgb> brands = {
      {255, 221, 0}, {0, 163, 224}, {0, 64, 160}, {230, 0, 35},  {0, 0, 0},     {255, 255, 255},
      {29, 185, 84}, {255, 153, 0}, {128, 128, 128}, {245, 245, 220}, {20, 20, 40}, {124, 92, 255}};
  for (rgb b : brands) {
    for (scheme s : {scheme::dark, scheme::light}) {
      const palette p = make_palette(s, b);
      EXPECT_EQ(p.brand, b);
      EXPECT_NE(p.brand_hover, p.brand) << str(b);
      EXPECT_NE(p.brand_active, p.brand) << str(b);
      expect_readable(p, std::string(to_string(s)) + " with brand " + str(b));
    }
  }
}

TEST(Palette, TextOnAPaleBrandIsBlack) {
  EXPECT_EQ(make_palette(scheme::light, rgb{255, 221, 0}).on_brand, black);
  EXPECT_EQ(make_palette(scheme::dark, rgb{0, 64, 160}).on_brand, white);
}

TEST(Palette, SchemesParseByName) {
  EXPECT_EQ(parse_scheme("dark"), scheme::dark);
  EXPECT_EQ(parse_scheme("light"), scheme::light);
  EXPECT_EQ(parse_scheme("Light"), std::nullopt);
  EXPECT_EQ(parse_scheme(""), std::nullopt);
  EXPECT_EQ(parse_scheme("blue"), std::nullopt);
  EXPECT_STREQ(to_string(scheme::light), "light");
}

}  // namespace
}  // namespace novatalk::look
