// Tests core/protocol/json_text: the shallow reader and the escaper agree with nlohmann::json on
// every input they take, and leave to it every input they do not (nullopt / false).
#include "core/protocol/json_text.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/core/protocol/json_text_check.hpp"

namespace jt = novatalk::protocol::json_text;

TEST(JsonTextRead, ReadsWhatNlohmannReads) {
  for (
      const std::string& text : std::vector<std::string>{
          R"({"type":"webrtc_offer","sdp":"v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\n"})",
          " \t\r\n{ \"sdp\" : \"x\" ,\n\"type\":\"webrtc_answer\" } \n",
          R"({})",
          R"({"a":""})",
          R"({"esc":"\"\\\/\b\f\n\r\t"})",
          R"({"u":"\u0000\u001f\u00e9\u20AC\uD83D\uDE00"})",
          "{\"raw\":\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\x7F\"}",
          R"({"\u0074ype":"webrtc_offer"})",
          R"({"type":"webrtc_ice_candidate","candidate":null})",
          R"({"type":"webrtc_ice_candidate","candidate":{"candidate":"c","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":null}})",
          R"({"n":0,"m":123456789,"o":{},"p":{ "q" : 7 }})",
      }) {
    EXPECT_TRUE(jt::read_shallow(text).has_value()) << text;
    EXPECT_TRUE(jt::check::reads_as_nlohmann(text)) << text;
  }
}

TEST(JsonTextRead, KeepsMemberOrderAndDecodesEscapes) {
  const auto o = jt::read_shallow(R"({"type":"webrtc_offer","sdp":"a\r\nb\u00e9","c":{"i":5}})");
  ASSERT_TRUE(o.has_value());
  ASSERT_EQ(o->size(), 3u);
  EXPECT_EQ((*o)[0].key, "type");
  EXPECT_EQ((*o)[1].key, "sdp");
  EXPECT_EQ((*o)[1].val.text, "a\r\nb\xC3\xA9");
  const jt::value* c = jt::find(*o, "c");
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(c->type, jt::value::kind::object);
  const jt::value* i = jt::find(c->object, "i");
  ASSERT_NE(i, nullptr);
  EXPECT_EQ(i->type, jt::value::kind::number);
  EXPECT_EQ(i->number, 5u);
  EXPECT_EQ(jt::find(*o, "missing"), nullptr);
}

// Invalid JSON, or JSON outside the shallow subset: left to the full parser.
TEST(JsonTextRead, LeavesEverythingElseToTheFullParser) {
  for (const std::string& text : std::vector<std::string>{
           "",
           "{",
           R"({"a":"b")",
           R"({"a":"b"} x)",
           R"({"a":"b",})",
           R"({"a"})",
           R"(["a"])",
           R"("a")",
           R"({"a":true})",
           R"({"a":["b"]})",
           R"({"a":{"b":{}}})",
           R"({"a":-1})",
           R"({"a":1.5})",
           R"({"a":1e3})",
           R"({"a":01})",
           R"({"a":1234567890})",
           R"({"a":nul})",
           R"({"a":"b","a":"c"})",          // nlohmann keeps the last: not ours
           "\xEF\xBB\xBF{\"a\":\"b\"}",     // a BOM, which nlohmann skips
           "{\"a\":\"b\x01\"}",             // raw control character
           "{\"a\":\"\xC0\xAF\"}",          // overlong
           "{\"a\":\"\xED\xA0\x80\"}",      // a surrogate in UTF-8
           "{\"a\":\"\xF4\x90\x80\x80\"}",  // past U+10FFFF
           "{\"a\":\"\xE2\x82\"}",          // truncated sequence
           R"({"a":"\uD83D"})",             // lone high surrogate
           R"({"a":"\uDE00"})",             // lone low surrogate
           R"({"a":"\uD83D\u0041"})",       // high surrogate, then no low one
           R"({"a":"\x"})",
           R"({"a":"\u12G4"})",
           R"({"a":"\u12"})",
           R"({"1":"","2":"","3":"","4":"","5":"","6":"","7":"","8":"","9":""})",
       }) {
    EXPECT_FALSE(jt::read_shallow(text).has_value()) << text;
  }
}

TEST(JsonTextEscape, WritesWhatNlohmannWrites) {
  std::string all_bytes_below_0x80;
  for (int c = 0; c < 0x80; ++c) all_bytes_below_0x80 += static_cast<char>(c);
  for (const std::string& s :
       std::vector<std::string>{"", "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\n", all_bytes_below_0x80,
                                "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF\xEF\xBF\xBD",
                                std::string("a\0b", 3)}) {
    std::string ours = "prefix";
    ASSERT_TRUE(jt::append_string(ours, s));
    EXPECT_EQ(ours, "prefix" + jt::check::nlohmann_dump(s));
  }
}

TEST(JsonTextEscape, RefusesInvalidUtf8) {
  for (const std::string& s : std::vector<std::string>{
           "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "ab\xE2\x82", "\xFF", "\x80"}) {
    std::string out;
    EXPECT_FALSE(jt::append_string(out, s)) << s;
    EXPECT_TRUE(jt::check::escapes_as_nlohmann(s));
  }
}

// Plain runs are scanned eight bytes at a time: a byte needing care at any offset of a word,
// and in the tail, is still found.
TEST(JsonTextEscape, FindsSpecialBytesAtEveryOffset) {
  for (const std::string special : {"\"", "\\", "\n", "\x1f", "\x7f", "\xC3\xA9", "\xFF"}) {
    for (std::size_t at = 0; at <= 24; ++at) {
      std::string s(24, 'a');
      s.insert(at, special);
      std::string ours;
      const bool written = jt::append_string(ours, s);
      EXPECT_EQ(written, special != "\xFF") << at;
      if (written) {
        EXPECT_EQ(ours, jt::check::nlohmann_dump(s)) << at;
        const auto o = jt::read_shallow("{\"k\":" + ours + "}");
        ASSERT_TRUE(o.has_value()) << at;
        EXPECT_EQ((*o)[0].val.text, s) << at;
      }
    }
  }
}
