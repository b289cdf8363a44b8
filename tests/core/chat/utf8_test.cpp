// Tests of core/chat/utf8: every boundary of the encoding, each kind of ill-formed sequence
// replaced per maximal subpart, and validity checked against nlohmann-json's own UTF-8 checker.
#include "core/chat/utf8.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "tests/core/chat/random_text.hpp"

namespace novatalk::chat {
namespace {

std::vector<char32_t> decode_all(std::string_view s) {
  std::vector<char32_t> out;
  std::size_t pos = 0;
  while (pos < s.size()) out.push_back(decode_utf8(s, pos));
  return out;
}

std::string encode(char32_t cp) {
  std::string s;
  append_utf8(s, cp);
  return s;
}

constexpr char32_t R = kReplacementChar;

TEST(Utf8, EncodingBoundaries) {
  EXPECT_EQ(encode(0x7F), "\x7F");
  EXPECT_EQ(encode(0x80), "\xC2\x80");
  EXPECT_EQ(encode(0x7FF), "\xDF\xBF");
  EXPECT_EQ(encode(0x800), "\xE0\xA0\x80");
  EXPECT_EQ(encode(0xFFFF), "\xEF\xBF\xBF");
  EXPECT_EQ(encode(0x10000), "\xF0\x90\x80\x80");
  EXPECT_EQ(encode(0x10FFFF), "\xF4\x8F\xBF\xBF");
}

TEST(Utf8, EveryScalarValueRoundTrips) {
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const std::string s = encode(cp);
    std::size_t pos = 0;
    ASSERT_EQ(decode_utf8(s, pos), cp);
    ASSERT_EQ(pos, s.size());
    ASSERT_TRUE(is_valid_utf8(s));
  }
}

TEST(Utf8, StrayAndInvalidLeadBytesAreOneReplacementEach) {
  EXPECT_EQ(decode_all("\x80"), (std::vector<char32_t>{R}));
  EXPECT_EQ(decode_all("\xBF\x80"), (std::vector<char32_t>{R, R}));
  EXPECT_EQ(decode_all("\xF5\xFE\xFF"), (std::vector<char32_t>{R, R, R}));
}

TEST(Utf8, OverlongFormsAreRejected) {
  EXPECT_EQ(decode_all("\xC0\xAF"), (std::vector<char32_t>{R, R}));  // '/' in 2 bytes
  EXPECT_EQ(decode_all("\xC1\xBF"), (std::vector<char32_t>{R, R}));
  EXPECT_EQ(decode_all("\xE0\x80\xAF"), (std::vector<char32_t>{R, R, R}));  // in 3 bytes
  EXPECT_EQ(decode_all("\xE0\x9F\xBF"), (std::vector<char32_t>{R, R, R}));  // U+07FF in 3
  EXPECT_EQ(decode_all("\xF0\x80\x80\xAF"), (std::vector<char32_t>{R, R, R, R}));
  EXPECT_EQ(decode_all("\xF0\x8F\xBF\xBF"), (std::vector<char32_t>{R, R, R, R}));  // U+FFFF in 4
}

TEST(Utf8, SurrogatesAndValuesAboveTheRangeAreRejected) {
  EXPECT_EQ(decode_all("\xED\xA0\x80"), (std::vector<char32_t>{R, R, R}));  // U+D800
  EXPECT_EQ(decode_all("\xED\xBF\xBF"), (std::vector<char32_t>{R, R, R}));  // U+DFFF
  EXPECT_EQ(decode_all("\xED\xA0\xBD\xED\xB8\x80").size(), 6u);             // CESU-8 pair
  EXPECT_EQ(decode_all("\xED\x9F\xBF"), (std::vector<char32_t>{0xD7FF}));
  EXPECT_EQ(decode_all("\xF4\x90\x80\x80"), (std::vector<char32_t>{R, R, R, R}));  // U+110000
}

TEST(Utf8, TruncatedSequenceIsOneReplacementAndKeepsTheNextCharacter) {
  EXPECT_EQ(decode_all("\xE2\x82"), (std::vector<char32_t>{R}));
  EXPECT_EQ(decode_all("\xE2\x82"
                       "a"),
            (std::vector<char32_t>{R, 'a'}));
  EXPECT_EQ(decode_all("\xF0\x9F\x98"
                       "a"),
            (std::vector<char32_t>{R, 'a'}));
  EXPECT_EQ(decode_all("\xF0\x9F\x98\xF0\x9F\x98\x80"), (std::vector<char32_t>{R, 0x1F600}));
}

TEST(Utf8, ValidityDistinguishesARealReplacementCharacterFromBadBytes) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("\xEF\xBF\xBD"));   // U+FFFD as written
  EXPECT_FALSE(is_valid_utf8("\xF0\x90\x80"));  // three bytes of a four-byte sequence
  EXPECT_FALSE(
      is_valid_utf8("\xF0\x90\x80"
                    "a"));
  EXPECT_FALSE(is_valid_utf8(std::string("a\0\xC0", 3)));
  EXPECT_TRUE(is_valid_utf8(std::string("a\0b", 3)));  // NUL is valid UTF-8 (a control)
}

// An independent checker: nlohmann-json's lexer rejects ill-formed UTF-8 inside strings.
bool json_accepts(const std::string& bytes) {
  auto j = nlohmann::json::parse("\"" + bytes + "\"", nullptr, /*allow_exceptions=*/false);
  return !j.is_discarded();
}

TEST(Utf8, AgreesWithTheJsonParserOnRandomBytes) {
  test::lcg next(12345);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const int length = static_cast<int>(next() % 8);
    for (int i = 0; i < length; ++i) {
      // High bytes mostly, so multi-byte sequences (good and bad) are common; no JSON specials.
      unsigned char b = static_cast<unsigned char>(next() % 3 == 0 ? 'a' : 0x80 | next());
      s.push_back(static_cast<char>(b));
    }
    ASSERT_EQ(is_valid_utf8(s), json_accepts(s)) << testing::PrintToString(s);
  }
}

}  // namespace
}  // namespace novatalk::chat

namespace novatalk::chat {
namespace {

// utf8_checker agrees with is_valid_utf8 however the text is cut into pieces.
TEST(utf8_checker, agrees_with_is_valid_utf8_at_every_cut) {
  for (const std::string s : {"plain", "caf\xc3\xa9", "\xe2\x82\xac!", "\xf0\x9f\x98\x80",
                              "\xc3", "\xe0\x80\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80",
                              "a\xffz", "\xef\xbf\xbd"}) {
    for (std::size_t cut = 0; cut <= s.size(); ++cut) {
      utf8_checker c;
      const bool ok = c.feed(s.substr(0, cut)) && c.feed(s.substr(cut)) && c.complete();
      EXPECT_EQ(ok, is_valid_utf8(s)) << s << " cut at " << cut;
    }
  }
}

}  // namespace
}  // namespace novatalk::chat
