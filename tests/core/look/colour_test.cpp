// Tests of core/look/colour: hex parsing (accepted forms, each rejection), the WCAG 2 figures
// against known values, mixing, and black-or-white text on any brand colour.
#include "core/look/colour.hpp"

#include <gtest/gtest.h>

namespace novatalk::look {
namespace {

TEST(Colour, ParsesSixHexDigitsInEitherCaseWithOrWithoutHash) {
  auto a = parse_hex("7c5cff");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a.value(), (rgb{124, 92, 255}));
  auto b = parse_hex("#00A3E0");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b.value(), (rgb{0, 163, 224}));
  EXPECT_EQ(parse_hex("FFFFFF").value(), white);
  EXPECT_EQ(parse_hex("000000").value(), black);
}

TEST(Colour, RefusesEverythingElseWithAReason) {
  EXPECT_EQ(parse_hex("").error(), colour_error::empty);
  EXPECT_EQ(parse_hex("#").error(), colour_error::empty);
  EXPECT_EQ(parse_hex("fff").error(), colour_error::bad_length);
  EXPECT_EQ(parse_hex("7c5cff00").error(), colour_error::bad_length);
  EXPECT_EQ(parse_hex("##7c5cff").error(), colour_error::bad_length);
  EXPECT_EQ(parse_hex("7c5cfg").error(), colour_error::not_hex);
  EXPECT_EQ(parse_hex("red123").error(), colour_error::not_hex);
  EXPECT_EQ(parse_hex(" 7c5cf").error(), colour_error::not_hex);
  EXPECT_EQ(parse_hex(std::string_view("7c5c\0f", 6)).error(), colour_error::not_hex);
  EXPECT_STREQ(to_string(colour_error::not_hex), "not_hex");
}

TEST(Colour, LuminanceAndContrastMatchWcag) {
  EXPECT_DOUBLE_EQ(relative_luminance(black), 0.0);
  EXPECT_DOUBLE_EQ(relative_luminance(white), 1.0);
  EXPECT_NEAR(contrast_ratio(black, white), 21.0, 1e-9);
  EXPECT_NEAR(contrast_ratio(white, white), 1.0, 1e-9);
  // Known figures: #777777 on white is 4.48 (just fails AA), #767676 is 4.54 (passes).
  EXPECT_NEAR(contrast_ratio(rgb{0x77, 0x77, 0x77}, white), 4.48, 0.01);
  EXPECT_NEAR(contrast_ratio(rgb{0x76, 0x76, 0x76}, white), 4.54, 0.01);
  EXPECT_DOUBLE_EQ(contrast_ratio(rgb{10, 200, 30}, white), contrast_ratio(white, rgb{10, 200, 30}));
}

TEST(Colour, MixGoesPartWayAndClamps) {
  EXPECT_EQ(mix(black, white, 0.5), (rgb{128, 128, 128}));
  EXPECT_EQ(mix(rgb{100, 50, 0}, white, 0.0), (rgb{100, 50, 0}));
  EXPECT_EQ(mix(rgb{100, 50, 0}, white, 1.0), white);
  EXPECT_EQ(mix(rgb{100, 50, 0}, white, 7.0), white);
  EXPECT_EQ(mix(rgb{100, 50, 0}, white, -1.0), (rgb{100, 50, 0}));
}

TEST(Colour, TextOnPicksTheReadableOne) {
  EXPECT_EQ(text_on(rgb{124, 92, 255}), black);  // 4.83:1 beats white's 4.35:1
  EXPECT_EQ(text_on(rgb{94, 60, 230}), white);
  EXPECT_EQ(text_on(rgb{255, 221, 0}), black);   // a yellow brand gets black text
  EXPECT_EQ(text_on(rgb{0, 163, 224}), black);
  EXPECT_EQ(text_on(rgb{0, 64, 160}), white);
  EXPECT_EQ(text_on(white), black);
  EXPECT_EQ(text_on(black), white);
  // Whatever the colour, the chosen text reaches at least 4.58:1 (the worst case of black/white).
  for (int v = 0; v < 256; v += 5) {
    for (rgb c : {rgb{static_cast<std::uint8_t>(v), 0, 0}, rgb{0, static_cast<std::uint8_t>(v), 0},
                  rgb{0, 0, static_cast<std::uint8_t>(v)},
                  rgb{static_cast<std::uint8_t>(v), static_cast<std::uint8_t>(v), 128}}) {
      EXPECT_GE(contrast_ratio(text_on(c), c), 4.5) << int(c.r) << "," << int(c.g) << "," << int(c.b);
    }
  }
}

TEST(Colour, ReadableOnMovesOnlyAsFarAsNeeded) {
  const rgb page{246, 247, 251};
  const rgb yellow{255, 221, 0};
  const rgb r = readable_on(yellow, page, aa_text, black);
  EXPECT_GE(contrast_ratio(r, page), aa_text);
  EXPECT_NE(r, black);  // still a (dark) yellow, not black
  const rgb navy{0, 40, 120};
  EXPECT_EQ(readable_on(navy, page, aa_text, black), navy);  // already readable: unchanged
  EXPECT_EQ(readable_on(white, white, 30.0, black), black);  // unreachable: the limit
}

}  // namespace
}  // namespace novatalk::look
