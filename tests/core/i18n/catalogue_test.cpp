// Tests of core/i18n/catalogue: every language has every key exactly once, with the same "{}"
// placeholders as English and only characters the UI's bold face holds (wasm/font_ranges.hpp,
// fonts.cpp); lookups fall back to English; the language is picked from the URL, then the
// browser, then English.
#include "core/i18n/catalogue.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/chat/utf8.hpp"
#include "wasm/font_ranges.hpp"

namespace novatalk::i18n {
namespace {

std::size_t placeholders(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t at = s.find("{}"); at != std::string_view::npos; at = s.find("{}", at + 2)) ++n;
  return n;
}

// The bold face (buttons, headings) holds U+0020-U+00FF and U+2000-U+206F only (fonts.cpp's
// own_words_ranges); the regular face more (font_glyph_ranges). Our words must fit the bold one.
bool drawable_in_bold(char32_t cp) {
  return (cp >= 0x20 && cp <= 0x7E) || (cp >= 0xA0 && cp <= 0xFF) || (cp >= 0x2000 && cp <= 0x206F);
}
bool in_font_ranges(char32_t cp) {
  for (std::size_t i = 0; client::font_glyph_ranges[i] != 0; i += 2) {
    if (cp >= client::font_glyph_ranges[i] && cp <= client::font_glyph_ranges[i + 1]) return true;
  }
  return false;
}

class EveryLanguage : public ::testing::TestWithParam<language> {};

TEST_P(EveryLanguage, HasEveryKeyOnceWithTheSamePlaceholders) {
  const language l = GetParam();
  const entries e = catalogue(l);
  std::vector<int> seen(text_count, 0);
  for (std::size_t i = 0; i < e.size; ++i) {
    const entry& x = e.begin[i];
    ASSERT_LT(static_cast<std::size_t>(x.id), text_count);
    ++seen[static_cast<std::size_t>(x.id)];
    ASSERT_NE(x.text, nullptr) << key_name(x.id);
    EXPECT_STRNE(x.text, "") << code(l) << ": " << key_name(x.id);
    EXPECT_EQ(placeholders(x.text), placeholders(text(language::en, x.id)))
        << code(l) << ": " << key_name(x.id) << " = " << x.text;
  }
  for (std::size_t i = 0; i < text_count; ++i) {
    EXPECT_EQ(seen[i], 1) << code(l) << ": key " << key_name(static_cast<text_id>(i))
                          << (seen[i] == 0 ? " is missing" : " appears more than once");
  }
}

TEST_P(EveryLanguage, UsesOnlyCharactersTheFontHas) {
  const language l = GetParam();
  const entries e = catalogue(l);
  for (std::size_t i = 0; i < e.size; ++i) {
    const std::string_view s = e.begin[i].text;
    ASSERT_TRUE(chat::is_valid_utf8(s)) << key_name(e.begin[i].id);
    for (std::size_t pos = 0; pos < s.size();) {
      const char32_t cp = chat::decode_utf8(s, pos);
      EXPECT_TRUE(drawable_in_bold(cp) && in_font_ranges(cp))
          << code(l) << ": " << key_name(e.begin[i].id) << " has U+" << std::hex
          << static_cast<unsigned>(cp);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Catalogue, EveryLanguage,
                         ::testing::Values(language::en, language::es, language::de),
                         [](const auto& info) { return std::string(code(info.param)); });

TEST(Catalogue, TranslationsAreTranslated) {
  EXPECT_STREQ(text(language::en, text_id::start), "Start");
  EXPECT_STREQ(text(language::es, text_id::start), "Empezar");
  EXPECT_STREQ(text(language::de, text_id::next), "Weiter");
  EXPECT_STREQ(text(language::es, text_id::mode_text), "Chat de texto");
  // Spanish opens questions and exclamations with ¿ and ¡; German has ß and umlauts.
  EXPECT_STREQ(text(language::es, text_id::stranger_found), "¡Persona encontrada!");
  EXPECT_STREQ(text(language::de, text_id::back), "Zurück");
}

TEST(Catalogue, LookupOutsideTheKeysIsEmptyNotACrash) {
  EXPECT_STREQ(text(language::es, text_id::count), "");
  EXPECT_STREQ(text(static_cast<language>(99), text_id::start), "Start");
  EXPECT_STREQ(key_name(text_id::start), "start");
}

TEST(Catalogue, FillReplacesTheFirstPlaceholder) {
  EXPECT_EQ(fill(text(language::en, text_id::online_count), "12"), "12 online");
  EXPECT_EQ(fill(text(language::es, text_id::online_count), "12"), "12 en línea");
  EXPECT_EQ(fill("no placeholder", "x"), "no placeholder");
  EXPECT_EQ(fill("{} and {}", "a"), "a and {}");
  EXPECT_EQ(fill("{}", "{}"), "{}");  // the value is not searched again
}

TEST(Language, PrimarySubtagOfATag) {
  EXPECT_EQ(parse_language("es"), language::es);
  EXPECT_EQ(parse_language("es-MX"), language::es);
  EXPECT_EQ(parse_language("DE"), language::de);
  EXPECT_EQ(parse_language("de_AT"), language::de);
  EXPECT_EQ(parse_language("en-GB"), language::en);
  EXPECT_EQ(parse_language("fr"), std::nullopt);
  EXPECT_EQ(parse_language("esp"), std::nullopt);
  EXPECT_EQ(parse_language(""), std::nullopt);
  EXPECT_EQ(parse_language("-es"), std::nullopt);
  EXPECT_STREQ(code(language::de), "de");
}

TEST(Language, UrlThenBrowserThenEnglish) {
  EXPECT_EQ(pick_language("es", "de-DE").lang, language::es);
  EXPECT_EQ(pick_language("", "de-DE").lang, language::de);
  EXPECT_EQ(pick_language("", "fr-FR").lang, language::en);
  EXPECT_EQ(pick_language("", "").lang, language::en);
  const language_choice unknown = pick_language("xx", "de-DE");
  EXPECT_EQ(unknown.lang, language::en);  // asked for something we lack: English, said so
  EXPECT_TRUE(unknown.url_unknown);
  EXPECT_FALSE(pick_language("es", "").url_unknown);
}

}  // namespace
}  // namespace novatalk::i18n
