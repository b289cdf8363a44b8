// Tests of core/interests/interest_chips: adding (typed and pasted), each rejection, removal,
// localStorage round trips, hostile text, and that every list of chips is one the protocol's
// join accepts unchanged, so the chips and the codec can never drift apart.
#include "core/interests/interest_chips.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/protocol/codec.hpp"
#include "tests/core/chat/random_text.hpp"

namespace novatalk::interests {
namespace {

namespace p = protocol;
using tags = std::vector<std::string>;

static_assert(kMaxTags == p::max_interests, "chips mirror the protocol's limit");
static_assert(kMaxTagChars == p::max_interest_chars, "chips mirror the protocol's limit");

chip_error_code add_err(interest_chips& c, std::string_view text) {
  auto r = c.add(text);
  EXPECT_FALSE(r.ok()) << text;
  return r.ok() ? chip_error_code::empty : r.error().code;
}

std::size_t add_ok(interest_chips& c, std::string_view text) {
  auto r = c.add(text);
  EXPECT_TRUE(r.ok()) << text << " -> " << (r.ok() ? "" : r.error().message);
  return r.ok() ? r.value() : 0;
}

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// The list as the server sees it: encoded into a join, decoded by the server's codec.
void expect_codec_accepts_unchanged(const interest_chips& c) {
  p::join j;
  j.interests = c.tags();
  auto decoded = p::decode_client(p::encode(p::client_message{j}));
  ASSERT_TRUE(decoded.ok()) << c.serialize() << ": " << decoded.error().message;
  EXPECT_EQ(std::get<p::join>(decoded.value()).interests, c.tags()) << c.serialize();
}

TEST(InterestChips, AddsTrimmedLowercaseTags) {
  interest_chips c;
  EXPECT_EQ(add_ok(c, "  Music "), 1u);
  EXPECT_EQ(add_ok(c, "CHESS"), 1u);
  EXPECT_EQ(add_ok(c, "Кино"), 1u);  // non-ASCII kept as typed, as the codec does
  EXPECT_EQ(c.tags(), (tags{"music", "chess", "Кино"}));
  expect_codec_accepts_unchanged(c);
}

TEST(InterestChips, PasteAddsSeveral) {
  interest_chips c;
  EXPECT_EQ(add_ok(c, "music, art,  board games ,"), 3u);
  EXPECT_EQ(add_ok(c, "cats\ndogs\r\nbirds"), 3u);
  EXPECT_EQ(c.tags(), (tags{"music", "art", "board games", "cats", "dogs", "birds"}));
}

TEST(InterestChips, EmptyIsRejected) {
  interest_chips c;
  EXPECT_EQ(add_err(c, ""), chip_error_code::empty);
  EXPECT_EQ(add_err(c, "   \t "), chip_error_code::empty);
  EXPECT_EQ(add_err(c, ",, ,\n"), chip_error_code::empty);
  EXPECT_EQ(add_err(c, "\xE2\x80\x8B\xE2\x80\xAE\x01"), chip_error_code::empty);  // invisible only
  EXPECT_TRUE(c.tags().empty());
}

TEST(InterestChips, LengthIsInCharacters) {
  interest_chips c;
  EXPECT_EQ(add_ok(c, std::string(32, 'a')), 1u);
  EXPECT_EQ(add_err(c, std::string(33, 'b')), chip_error_code::too_long);
  EXPECT_EQ(add_ok(c, repeat("ж", 32)), 1u);  // 64 bytes, 32 characters
  EXPECT_EQ(add_err(c, repeat("ж", 33)), chip_error_code::too_long);
  EXPECT_EQ(add_ok(c, repeat("\xF0\x9F\x8E\xB8", 32)), 1u);  // 32 guitars, 128 bytes
  EXPECT_EQ(add_err(c, std::string(100000, 'x')), chip_error_code::too_long);
  EXPECT_EQ(c.tags().size(), 3u);
  expect_codec_accepts_unchanged(c);
}

TEST(InterestChips, DuplicatesAreCaseInsensitive) {
  interest_chips c;
  add_ok(c, "Music");
  EXPECT_EQ(add_err(c, "music"), chip_error_code::duplicate);
  EXPECT_EQ(add_err(c, " MUSIC  "), chip_error_code::duplicate);
  EXPECT_EQ(add_err(c, "art, ART"), chip_error_code::duplicate);  // within one paste
  EXPECT_EQ(c.tags(), (tags{"music", "art"}));
}

TEST(InterestChips, TheEleventhIsRejected) {
  interest_chips c;
  for (int i = 0; i < 10; ++i) add_ok(c, "tag" + std::to_string(i));
  EXPECT_TRUE(c.full());
  EXPECT_EQ(add_err(c, "eleven"), chip_error_code::too_many);
  EXPECT_EQ(add_err(c, "tag3"), chip_error_code::duplicate);  // the more useful message
  EXPECT_EQ(c.tags().size(), 10u);
  expect_codec_accepts_unchanged(c);
}

TEST(InterestChips, PasteAddsWhatFitsAndReportsTheFirstRejection) {
  interest_chips c;
  for (int i = 0; i < 8; ++i) add_ok(c, "tag" + std::to_string(i));
  auto r = c.add("a, tag1, b, c, d");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, chip_error_code::duplicate);
  EXPECT_EQ(c.tags().size(), 10u);
  EXPECT_EQ(c.tags()[8], "a");
  EXPECT_EQ(c.tags()[9], "b");
  interest_chips big;
  EXPECT_EQ(add_err(big, repeat("x,", 1000000) + repeat("y", 40)), chip_error_code::duplicate);
  EXPECT_EQ(big.tags(), (tags{"x"}));
}

TEST(InterestChips, HostileTextIsCleanedOrRejected) {
  interest_chips c;
  EXPECT_EQ(add_err(c, "m\xC0\xAFsic"), chip_error_code::invalid);  // overlong
  EXPECT_EQ(add_err(c, "\xED\xA0\x80"), chip_error_code::invalid);  // surrogate
  EXPECT_EQ(add_err(c, "ok\xE2\x82"), chip_error_code::invalid);    // truncated
  EXPECT_EQ(add_ok(c, "ja\x01zz\x1b"), 1u);                         // controls dropped
  EXPECT_EQ(add_ok(c, "ev\xE2\x80\xAEil"), 1u);                     // bidi override dropped
  EXPECT_EQ(add_ok(c, "rock \t   roll"), 1u);                       // one space inside
  EXPECT_EQ(add_ok(c, "line\xE2\x80\xA8sep"), 1u);                  // U+2028 is not a break
  EXPECT_EQ(add_ok(c, "\xEF\xBF\xBD"), 1u);                         // a real U+FFFD is text
  EXPECT_EQ(c.tags(), (tags{"jazz", "evil", "rock roll", "line sep", "\xEF\xBF\xBD"}));
  expect_codec_accepts_unchanged(c);
}

// The hostile strings of issue 7 as interests: format specifiers are plain text, overrides and
// controls go, invalid UTF-8 is refused, a megabyte paste costs little and adds what fits; and
// what the page keeps is exactly what the server's codec makes of the same raw text (one
// sanitiser, chat::sanitize_interest_tag, on both sides).
TEST(InterestChips, HostileStringsFromStrangersAndPastes) {
  interest_chips c;
  EXPECT_EQ(add_ok(c, "%s%n%x"), 1u);
  EXPECT_EQ(add_ok(c, "\xE2\x80\xAEgnp.exe"), 1u);
  EXPECT_EQ(add_ok(c, "\xE2\x81\xA7RTL\xE2\x81\xA9 tag"), 1u);
  EXPECT_EQ(c.tags(), (tags{"%s%n%x", "gnp.exe", "rtl tag"}));
  EXPECT_EQ(add_err(c, std::string("bad\xFF") + "byte"), chip_error_code::invalid);
  EXPECT_EQ(add_err(c, repeat("a", 1024 * 1024)), chip_error_code::too_long);
  EXPECT_EQ(add_err(c, repeat("\xE2\x80\xAE", 1024 * 1024 / 3)), chip_error_code::too_long);
  expect_codec_accepts_unchanged(c);

  interest_chips big;
  EXPECT_EQ(add_err(big, repeat("%n,", 1024 * 1024 / 3)), chip_error_code::duplicate);
  EXPECT_EQ(big.tags(), (tags{"%n"}));
  EXPECT_EQ(interest_chips::parse("[\"" + repeat("\\u202e", 100000) + "x\"]").tags(), tags{});

  for (const char* raw : {"%s%n%x", "\xE2\x80\xAEgnp.exe", " Rock  ROLL ", "ev\xE2\x80\x8Bil",
                          "c1\xC2\x85", "\xE2\x81\xA7RTL\xE2\x81\xA9 tag"}) {
    interest_chips one;
    EXPECT_EQ(add_ok(one, raw), 1u) << raw;
    EXPECT_EQ(one.tags(), tags{p::normalize_interest(raw)}) << raw;
  }
}

TEST(InterestChips, ErrorsAreNamedAndWorded) {
  for (auto code : {chip_error_code::empty, chip_error_code::too_long, chip_error_code::duplicate,
                    chip_error_code::too_many, chip_error_code::invalid}) {
    EXPECT_STRNE(to_string(code), "?");
  }
  interest_chips c;
  add_ok(c, "secret");
  auto r = c.add("secret");
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(r.error().message.empty());
  EXPECT_EQ(r.error().message.find("secret"), std::string::npos);  // never echoes the input
}

TEST(InterestChips, Remove) {
  interest_chips c;
  add_ok(c, "a, b, c");
  EXPECT_TRUE(c.remove(1));
  EXPECT_EQ(c.tags(), (tags{"a", "c"}));
  EXPECT_FALSE(c.remove(2));
  EXPECT_FALSE(c.remove(static_cast<std::size_t>(-1)));
  EXPECT_TRUE(c.remove(0));
  EXPECT_TRUE(c.remove(0));
  EXPECT_FALSE(c.remove(0));
  add_ok(c, "a");  // removed tags can be added again
  c.clear();
  EXPECT_TRUE(c.tags().empty());
}

TEST(InterestChips, SerializeAndParseRoundTrip) {
  interest_chips c;
  add_ok(c, "music, Кино, \"quoted\" \\ slash, 🎸");
  const std::string stored = c.serialize();
  EXPECT_EQ(stored, R"(["music","Кино","\"quoted\" \\ slash","🎸"])");
  EXPECT_EQ(interest_chips::parse(stored).tags(), c.tags());
  EXPECT_EQ(interest_chips().serialize(), "[]");
  EXPECT_TRUE(interest_chips::parse("[]").tags().empty());
}

TEST(InterestChips, ParseTakesACommaList) {
  EXPECT_EQ(interest_chips::parse("Music,art, chess").tags(), (tags{"music", "art", "chess"}));
  EXPECT_TRUE(interest_chips::parse("").tags().empty());
}

TEST(InterestChips, ParseIsLenientWithStoredJunk) {
  // Tampered storage: non-strings, too many, too long, duplicates, commas: what fits is kept.
  auto c = interest_chips::parse(R"(  [1, null, "Music", "music", "a,b", ["x"], {"y":1}, ")" +
                                 std::string(40, 'z') +
                                 R"(", "c", "d", "e", "f", "g", "h", "i", "j", "k"] )");
  EXPECT_EQ(c.tags(), (tags{"music", "a", "b", "c", "d", "e", "f", "g", "h", "i"}));
  expect_codec_accepts_unchanged(c);
  for (std::string junk : {"[", "[\"a\"", "[\"a\"]x", "{\"a\":1}", "[\"\xC0\"]"}) {
    EXPECT_TRUE(interest_chips::parse(junk).tags().empty()) << junk;
  }
}

// Whatever is typed or pasted, the chips stay a list the server's codec takes unchanged.
TEST(InterestChips, RandomInputAlwaysGivesAListTheCodecAccepts) {
  test::lcg next(77);
  // clang-format off
  const std::vector<std::string> pieces = {
      "a", "B", " ", "\t", ",", "\n", "\xD0\x96", "\xF0\x9F\x8E\xB8", "\x01", "\x7F",
      "\xE2\x80\xAE", "\xE2\x80\x8B", "\xC2\xA0", "\xE2\x80\xA9", "\xC0", "\xCC\x81", "\"", "\\",
      "\xE3\x85\xA4", "xyzxyzxyzxyz"};
  // clang-format on
  for (int round = 0; round < 1500; ++round) {
    interest_chips c;
    for (int adds = 0; adds < 6; ++adds) (void)c.add(test::random_text(next, pieces, 30));
    ASSERT_LE(c.tags().size(), kMaxTags);
    expect_codec_accepts_unchanged(c);
    ASSERT_EQ(interest_chips::parse(c.serialize()).tags(), c.tags());
    if (HasFailure()) return;
  }
}

}  // namespace
}  // namespace novatalk::interests
