// Tests of core/chat/chat_text: what survives of hostile stranger text (invalid UTF-8, controls,
// bidi overrides, invisible characters, blank lines, Zalgo, huge input) and the length cap.
#include "core/chat/chat_text.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/chat/utf8.hpp"
#include "tests/core/chat/random_text.hpp"

namespace novatalk::chat {
namespace {

std::string cp(char32_t c) {
  std::string s;
  append_utf8(s, c);
  return s;
}

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

const std::string kFffd = "\xEF\xBF\xBD";

TEST(ChatText, PlainTextOfAnyScriptIsUnchanged) {
  for (std::string s : {"hello, stranger!", "Привет", "Γειά σου", "你好", "مرحبا", "שלום",
                        "e\xCC\x81", "✓ → ♥ €"}) {
    EXPECT_EQ(sanitize_chat_text(s), s);
  }
}

TEST(ChatText, EmojiSequencesSurvive) {
  const std::string family =
      "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";
  EXPECT_EQ(sanitize_chat_text(family), family);         // man ZWJ woman ZWJ girl
  const std::string heart = "\xE2\x9D\xA4\xEF\xB8\x8F";  // heart + VS16
  EXPECT_EQ(sanitize_chat_text(heart), heart);
  // Flag of England: black flag + tag letters g b e n g + cancel tag.
  const std::string england = cp(0x1F3F4) + cp(0xE0067) + cp(0xE0062) + cp(0xE0065) + cp(0xE006E) +
                              cp(0xE0067) + cp(0xE007F);
  EXPECT_EQ(sanitize_chat_text(england), england);
  const std::string persian =
      "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xAE\xD9\x88\xD8\xA7\xD9\x87\xD9\x85";
  EXPECT_EQ(sanitize_chat_text(persian), persian);  // ZWNJ kept
}

TEST(ChatText, InvalidUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(sanitize_chat_text("a\x80z"), "a" + kFffd + "z");
  EXPECT_EQ(sanitize_chat_text("a\xC0\xAFz"), "a" + kFffd + kFffd + "z");       // overlong '/'
  EXPECT_EQ(sanitize_chat_text("\xE0\x80\xAF"), kFffd + kFffd + kFffd);         // overlong 3-byte
  EXPECT_EQ(sanitize_chat_text("\xED\xA0\x80x"), kFffd + kFffd + kFffd + "x");  // surrogate
  EXPECT_EQ(sanitize_chat_text("\xF4\x90\x80\x80"), repeat(kFffd, 4));          // > U+10FFFF
  EXPECT_EQ(sanitize_chat_text("ok\xE2\x82"), "ok" + kFffd);                    // truncated
  EXPECT_EQ(sanitize_chat_text("\xFF\xFE"), kFffd + kFffd);
  EXPECT_TRUE(is_valid_utf8(sanitize_chat_text("\xC3\x28\xA0\xA1\xE2\x28\xA1\xF0\x28\x8C\xBC")));
}

TEST(ChatText, ControlCharactersAreDropped) {
  EXPECT_EQ(sanitize_chat_text(std::string("a\0b", 3)), "ab");
  EXPECT_EQ(sanitize_chat_text("\x1b[31mred\x1b[0m"), "[31mred[0m");  // no ESC reaches a terminal
  EXPECT_EQ(sanitize_chat_text("bell\x07\x08\x7F!"), "bell!");
  EXPECT_EQ(sanitize_chat_text("c1\xC2\x80\xC2\x85\xC2\x9B\xC2\x9Fok"), "c1ok");
  EXPECT_EQ(sanitize_chat_text("\x01\x02\x03"), "");
  EXPECT_EQ(sanitize_chat_text("%s%n%x"), "%s%n%x");  // kept: the UI never formats it
}

TEST(ChatText, TabBecomesASpace) { EXPECT_EQ(sanitize_chat_text("a\tb\t\tc"), "a b  c"); }

TEST(ChatText, LineBreaksAreNormalisedAndCapped) {
  EXPECT_EQ(sanitize_chat_text("a\nb"), "a\nb");
  EXPECT_EQ(sanitize_chat_text("a\r\nb"), "a\nb");
  EXPECT_EQ(sanitize_chat_text("a\rb"), "a\nb");
  EXPECT_EQ(sanitize_chat_text("a\n\nb"), "a\n\nb");
  EXPECT_EQ(sanitize_chat_text("a\n\n\nb"), "a\n\nb");
  EXPECT_EQ(sanitize_chat_text("a" + repeat("\n", 500) + "b"), "a\n\nb");
  EXPECT_EQ(sanitize_chat_text("a\r\n\r\n\r\n\r\nb"), "a\n\nb");
  EXPECT_EQ(sanitize_chat_text("a" + cp(0x2028) + "b" + cp(0x2029) + "c"), "a\nb\nc");
  // Lines of spaces count as blank lines; indentation after a break is kept.
  EXPECT_EQ(sanitize_chat_text("a \n \n \n  b"), "a\n\n  b");
  EXPECT_EQ(sanitize_chat_text("one   \ntwo"), "one\ntwo");
}

TEST(ChatText, WhitespaceIsTrimmedAtBothEnds) {
  EXPECT_EQ(sanitize_chat_text("  \n\t hello \n\n "), "hello");
  EXPECT_EQ(sanitize_chat_text(cp(0xA0) + cp(0x3000) + "hi" + cp(0x2003) + cp(0x202F)), "hi");
  EXPECT_EQ(sanitize_chat_text("a" + cp(0xA0) + "b"), "a" + cp(0xA0) + "b");  // inside: kept
  EXPECT_EQ(sanitize_chat_text("   "), "");
  EXPECT_EQ(sanitize_chat_text(""), "");
}

TEST(ChatText, BlankLookingMessagesAreEmpty) {
  for (char32_t c : {0x3164, 0x115F, 0x1160, 0xFFA0, 0x2800, 0x200B, 0xFEFF, 0x2060}) {
    EXPECT_EQ(sanitize_chat_text(repeat(cp(c), 20)), "") << std::hex << c;
  }
  EXPECT_EQ(sanitize_chat_text(cp(0x3164) + " \n" + cp(0x200B) + cp(0x2800)), "");
}

TEST(ChatText, BidiOverridesAndIsolatesAreDropped) {
  for (char32_t c : {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}) {
    EXPECT_EQ(sanitize_chat_text("abc" + cp(c) + "def"), "abcdef") << std::hex << c;
  }
  // "Trojan Source": a right-to-left override hiding the real order of a link.
  EXPECT_EQ(sanitize_chat_text("see " + cp(0x202E) + "gpj.exe"), "see gpj.exe");
}

TEST(ChatText, DirectionalMarksAreKept) {
  for (char32_t c : {0x200E, 0x200F, 0x061C}) {
    EXPECT_EQ(sanitize_chat_text("a" + cp(c) + "b"), "a" + cp(c) + "b");
  }
}

TEST(ChatText, InvisibleTroublemakersAreDropped) {
  for (char32_t c : {0x200B, 0x2060, 0x2061, 0x2064, 0x206A, 0x206F, 0xFEFF, 0xFFF9, 0xFFFB}) {
    EXPECT_EQ(sanitize_chat_text("x" + cp(c) + "y"), "xy") << std::hex << c;
  }
}

TEST(ChatText, NoncharactersAreDropped) {
  for (char32_t c : {0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF}) {
    EXPECT_EQ(sanitize_chat_text("x" + cp(c) + "y"), "xy") << std::hex << c;
  }
  EXPECT_EQ(sanitize_chat_text(cp(0x10FFFD)), cp(0x10FFFD));  // private use: kept
}

TEST(ChatText, CombiningMarkRunsAreCapped) {
  const std::string acute = cp(0x301);
  EXPECT_EQ(sanitize_chat_text("e" + repeat(acute, 50) + "x"), "e" + repeat(acute, 4) + "x");
  EXPECT_EQ(sanitize_chat_text("e" + repeat(acute, 4)), "e" + repeat(acute, 4));
  // Vietnamese, decomposed: e + dot below + circumflex.
  EXPECT_EQ(sanitize_chat_text("e" + cp(0x323) + cp(0x302)), "e" + cp(0x323) + cp(0x302));
  // Dropped characters between the marks do not restart the count.
  EXPECT_EQ(sanitize_chat_text("e" + repeat(acute + cp(0x200B), 10)), "e" + repeat(acute, 4));
  // Each base character gets its own allowance.
  EXPECT_EQ(sanitize_chat_text(repeat("a" + repeat(cp(0x36F), 6), 3)),
            repeat("a" + repeat(cp(0x36F), 4), 3));
}

TEST(ChatText, CapIsInCodePoints) {
  EXPECT_EQ(sanitize_chat_text(std::string(1000, 'a')), std::string(1000, 'a'));
  EXPECT_EQ(sanitize_chat_text(std::string(1001, 'a')), std::string(1000, 'a'));
  const std::string zhe = "\xD0\xB6";
  EXPECT_EQ(sanitize_chat_text(repeat(zhe, 1001)), repeat(zhe, 1000));
  const std::string smile = "\xF0\x9F\x98\x80";
  const std::string capped = sanitize_chat_text(repeat(smile, 1500));
  EXPECT_EQ(capped, repeat(smile, 1000));  // 4000 bytes, never a split code point
  EXPECT_EQ(utf8_length(capped), 1000u);
}

TEST(ChatText, CutIsTrimmed) {
  EXPECT_EQ(sanitize_chat_text("abcdefg", 5), "abcde");
  EXPECT_EQ(sanitize_chat_text("abcd efgh", 5), "abcd");
  EXPECT_EQ(sanitize_chat_text("abc\n\ndefg", 5), "abc");
  EXPECT_EQ(sanitize_chat_text("abc  \nd", 5), "abc\nd");  // spaces before a break do not count
  EXPECT_EQ(sanitize_chat_text("abc", 0), "");
  EXPECT_EQ(sanitize_chat_text(std::string(999, 'a') + " b"), std::string(999, 'a'));
}

TEST(ChatText, HugeInputIsCappedWithoutKeepingIt) {
  const std::string big(8 * 1024 * 1024, 'a');
  EXPECT_EQ(sanitize_chat_text(big), std::string(1000, 'a'));
  EXPECT_EQ(sanitize_chat_text(std::string(4 * 1024 * 1024, ' ') + "x"), "x");
  EXPECT_EQ(sanitize_chat_text("a" + std::string(4 * 1024 * 1024, ' ') + "b"), "a");
  EXPECT_EQ(sanitize_chat_text("a" + repeat(" \n", 1024 * 1024) + "b"), "a\n\nb");
  EXPECT_EQ(sanitize_chat_text(std::string(4 * 1024 * 1024, '\x01')), "");
  EXPECT_EQ(sanitize_chat_text(std::string(4 * 1024 * 1024, '\xFF')), repeat(kFffd, 1000));
}

// The hostile strings of issue 7, each a megabyte: format specifiers are only text (the UI draws
// every stranger string with TextUnformatted, never as a format), controls and overrides go,
// invalid UTF-8 is replaced, and the output stays within the cap however long the input.
TEST(ChatText, HostileMegabyteStrings) {
  const std::size_t mb = 1024 * 1024;
  EXPECT_EQ(sanitize_chat_text("%s%n%x%p %99999d %% {} {0}"), "%s%n%x%p %99999d %% {} {0}");
  EXPECT_EQ(sanitize_chat_text(repeat("%n", mb / 2)), repeat("%n", 500));
  EXPECT_EQ(sanitize_chat_text(repeat(cp(0x202E), mb / 3) + "abc"), "abc");
  EXPECT_EQ(sanitize_chat_text("txt" + repeat(cp(0x202E) + "exe.", mb / 7)),
            "txt" + repeat("exe.", 249) + "e");  // 1000 characters
  EXPECT_EQ(sanitize_chat_text(repeat(std::string("\0\x1b[2J", 5), mb / 5) + "ok"),
            repeat("[2J", 333) + "[");
  EXPECT_EQ(sanitize_chat_text(repeat("\xC0\xAF", mb / 2)), repeat(kFffd, 1000));
  EXPECT_EQ(sanitize_chat_text(repeat(cp(0x200B) + cp(0xFEFF) + cp(0x2066), mb / 9)), "");
  EXPECT_EQ(sanitize_chat_text("a" + repeat(cp(0x0301), mb / 2)), "a" + repeat(cp(0x0301), 4));
  EXPECT_EQ(sanitize_chat_text(repeat("\r\n", mb / 2) + "x" + repeat("\r\n", mb / 2)), "x");
}

// Interest tags come out of the same sanitiser, on one line and ASCII-lowercased.
TEST(ChatText, InterestTagsUseTheSameRules) {
  EXPECT_EQ(sanitize_interest_tag("  Rock \t\n  ROLL  "), "rock roll");
  EXPECT_EQ(sanitize_interest_tag("ev" + cp(0x202E) + "il" + cp(0x200B)), "evil");
  EXPECT_EQ(sanitize_interest_tag("line" + cp(0x2028) + "sep"), "line sep");
  EXPECT_EQ(sanitize_interest_tag(std::string("a\x01") + "b\x7f" + cp(0x85)), "ab");
  EXPECT_EQ(sanitize_interest_tag("%s%n"), "%s%n");
  const std::string kino = "\xD0\x9A\xD0\xB8\xD0\xBD\xD0\xBE";  // not lowercased: not ASCII
  EXPECT_EQ(sanitize_interest_tag(kino), kino);
  EXPECT_EQ(sanitize_interest_tag(cp(0x3164) + " " + cp(0x2800)), "");
  EXPECT_EQ(sanitize_interest_tag("x\xFF"), "x" + kFffd);
  const std::string big = repeat("Ab ", 1024 * 1024 / 3);
  EXPECT_EQ(sanitize_interest_tag(big), repeat("ab ", 1024 * 1024 / 3 - 1) + "ab");
}

TEST(ChatText, Utf8LengthCountsCodePoints) {
  EXPECT_EQ(utf8_length(""), 0u);
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("\xD0\xB6\xD0\xB6"), 2u);
  EXPECT_EQ(utf8_length("\xF0\x9F\x98\x80"), 1u);
  EXPECT_EQ(utf8_length("\xE2\x82"), 1u);  // one invalid subpart
  EXPECT_EQ(utf8_length("\xC0\xAF"), 2u);  // two
  EXPECT_EQ(utf8_length("a\xF0\x9F\x98"), 2u);
}

// Properties over many random inputs: valid UTF-8 out, within the cap, no controls except the
// line break, trimmed, and cleaning twice changes nothing.
TEST(ChatText, RandomInputKeepsEveryPromise) {
  test::lcg next(2024);
  // clang-format off
  const std::vector<std::string> pieces = {
      "a", " ", "\n", "\r", "\t", "\xC2\xA0", "\xE2\x80\xAE", "\xE2\x80\x8B", "\xE2\x80\x8D",
      "\xCC\x81", "\xF0\x9F\x98\x80", "\x80", "\xC0", "\xED\xA0\x80", "\xF4\x90", "\x01", "\x7F",
      "\xC2\x85", "\xE2\x80\xA8", "\xE3\x85\xA4", "\xEF\xBF\xBE", "\xD0\xB6"};
  // clang-format on
  for (int round = 0; round < 3000; ++round) {
    const std::string s = test::random_text(next, pieces, 40);
    const std::size_t max = next() % 3 == 0 ? next() % 12 : kMaxChatCodePoints;
    const std::string out = sanitize_chat_text(s, max);
    ASSERT_TRUE(is_valid_utf8(out)) << testing::PrintToString(s);
    ASSERT_LE(utf8_length(out), max);
    ASSERT_EQ(sanitize_chat_text(out, max), out) << testing::PrintToString(s);
    if (!out.empty()) {
      ASSERT_NE(out.front(), ' ');
      ASSERT_NE(out.back(), ' ');
      ASSERT_NE(out.back(), '\n');
    }
    for (char c : out) {
      ASSERT_TRUE(static_cast<unsigned char>(c) >= 0x20 || c == '\n') << testing::PrintToString(s);
    }
    ASSERT_EQ(out.find("\n\n\n"), std::string::npos);
    ASSERT_EQ(out.find("\xE2\x80\xAE"), std::string::npos);
  }
}

}  // namespace
}  // namespace novatalk::chat
