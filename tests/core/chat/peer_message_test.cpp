// Tests of core/chat/peer_message: each message both ways, the receiver sanitising chat text,
// and every malformed frame answered with an error value instead of a crash.
#include "core/chat/peer_message.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/chat/chat_text.hpp"

namespace novatalk::chat {
namespace {

using namespace std::string_literals;

peer_message ok(const std::string& frame) {
  auto r = decode_peer_message(frame);
  EXPECT_TRUE(r.ok()) << frame << " -> " << (r.ok() ? "" : r.error().message);
  return r.ok() ? r.value() : peer_message{typing_message{}};
}

peer_error_code err(const std::string& frame) {
  auto r = decode_peer_message(frame);
  EXPECT_FALSE(r.ok()) << frame;
  return r.ok() ? peer_error_code::malformed : r.error().code;
}

TEST(PeerMessage, EncodesTheDocumentedWire) {
  EXPECT_EQ(encode_peer_message(chat_message{"hi"}), R"({"text":"hi","type":"chat"})");
  EXPECT_EQ(encode_peer_message(typing_message{true}), R"({"active":true,"type":"typing"})");
  EXPECT_EQ(encode_peer_message(media_state_message{true, false}),
            R"({"camera":false,"mic":true,"type":"media"})");
}

TEST(PeerMessage, DecodesEachType) {
  EXPECT_EQ(std::get<chat_message>(ok(R"({"type":"chat","text":"hello"})")).text, "hello");
  EXPECT_TRUE(std::get<typing_message>(ok(R"({"type":"typing","active":true})")).active);
  EXPECT_FALSE(std::get<typing_message>(ok(R"({"type":"typing","active":false})")).active);
  auto media = std::get<media_state_message>(ok(R"({"type":"media","mic":false,"camera":true})"));
  EXPECT_FALSE(media.mic_on);
  EXPECT_TRUE(media.camera_on);
}

TEST(PeerMessage, RoundTripsEveryMessage) {
  for (const peer_message& m :
       {peer_message{chat_message{"Привет 👋\nline two"}}, peer_message{typing_message{true}},
        peer_message{typing_message{false}}, peer_message{media_state_message{false, false}},
        peer_message{media_state_message{true, true}}}) {
    const std::string wire = encode_peer_message(m);
    EXPECT_EQ(encode_peer_message(ok(wire)), wire);
  }
}

TEST(PeerMessage, UnknownFieldsAreIgnored) {
  auto m = ok(R"({"type":"typing","active":true,"since":12,"extra":{"a":[1]}})");
  EXPECT_TRUE(std::get<typing_message>(m).active);
}

TEST(PeerMessage, ReceiverSanitisesChatText) {
  auto m = ok("{\"type\":\"chat\",\"text\":\"  hi\\u202e there\\u0000\\u001b\\n\\n\\n\\nyou \"}");
  EXPECT_EQ(std::get<chat_message>(m).text, "hi there\n\nyou");
  const std::string long_text(5000, 'x');
  auto capped = ok(R"({"type":"chat","text":")" + long_text + R"("})");
  EXPECT_EQ(std::get<chat_message>(capped).text.size(), kMaxChatCodePoints);
}

TEST(PeerMessage, EmptyChatIsAnError) {
  EXPECT_EQ(err(R"({"type":"chat","text":""})"), peer_error_code::empty_text);
  EXPECT_EQ(err(R"({"type":"chat","text":" \n\t\u200b\u0001 "})"), peer_error_code::empty_text);
}

TEST(PeerMessage, SenderSanitisesToo) {
  std::string hostile = "\x1b[2J" + std::string(3000, '"') + "\xC0";
  const std::string wire = encode_peer_message(chat_message{hostile});
  EXPECT_LE(wire.size(), kMaxPeerFrameBytes);
  EXPECT_EQ(std::get<chat_message>(ok(wire)).text, std::string(1000, '"').replace(0, 3, "[2J"));
}

TEST(PeerMessage, LongestHonestMessageFitsAFrame) {
  std::string text;
  for (std::size_t i = 0; i < kMaxChatCodePoints; ++i) text += "\xF0\x9F\x98\x80";
  const std::string wire = encode_peer_message(chat_message{text});
  EXPECT_LE(wire.size(), kMaxPeerFrameBytes);
  EXPECT_EQ(std::get<chat_message>(ok(wire)).text, text);
  std::string escapes(kMaxChatCodePoints, '\\');
  EXPECT_LE(encode_peer_message(chat_message{escapes}).size(), kMaxPeerFrameBytes);
}

TEST(PeerMessage, OversizedFrameIsRejectedBeforeParsing) {
  std::string frame = R"({"type":"chat","text":")" + std::string(kMaxPeerFrameBytes, 'a') + "\"}";
  EXPECT_EQ(err(frame), peer_error_code::too_large);
  std::string exact = R"({"type":"typing","active":true})";
  exact.insert(exact.size() - 1, std::string(kMaxPeerFrameBytes - exact.size(), ' '));
  ASSERT_EQ(exact.size(), kMaxPeerFrameBytes);
  EXPECT_TRUE(std::get<typing_message>(ok(exact)).active);
  EXPECT_EQ(err(exact + " "), peer_error_code::too_large);
}

TEST(PeerMessage, MalformedFramesAreErrors) {
  for (const std::string& frame : std::vector<std::string>{
           "", "{", "null", "[]", "42", "\"chat\"", R"({"text":"hi"})", R"({"type":7})",
           R"({"type":null})", R"({"type":["chat"]})", "{\"type\":\"chat\",\"text\":\"\xC0\xAF\"}",
           R"({"type":"chat","text":"\ud800"})", R"({"type":"chat","text":"a"} trailing)",
           R"({"type":"chat","text":"a"}{"type":"chat","text":"b"})",
           "{\"type\":\"chat\",\"text\":\"a\0b\"}"s}) {
    EXPECT_EQ(err(frame), peer_error_code::malformed) << testing::PrintToString(frame);
  }
}

TEST(PeerMessage, WrongFieldTypesAreErrors) {
  for (std::string frame :
       {R"({"type":"chat"})", R"({"type":"chat","text":5})", R"({"type":"chat","text":null})",
        R"({"type":"chat","text":["hi"]})", R"({"type":"typing"})",
        R"({"type":"typing","active":"true"})", R"({"type":"typing","active":1})",
        R"({"type":"media","mic":true})", R"({"type":"media","camera":true})",
        R"({"type":"media","mic":null,"camera":true})",
        R"({"type":"media","mic":true,"camera":0})"}) {
    EXPECT_EQ(err(frame), peer_error_code::bad_field) << frame;
  }
}

TEST(PeerMessage, UnknownTypeIsAnError) {
  EXPECT_EQ(err(R"({"type":"file","name":"x"})"), peer_error_code::unknown_type);
  EXPECT_EQ(err(R"({"type":"CHAT","text":"hi"})"), peer_error_code::unknown_type);
  EXPECT_EQ(err(R"({"type":""})"), peer_error_code::unknown_type);
}

TEST(PeerMessage, DeepNestingDoesNotCrash) {
  std::string deep = R"({"type":"typing","active":true,"x":)" + std::string(4000, '[') +
                     std::string(4000, ']') + "}";
  EXPECT_TRUE(std::get<typing_message>(ok(deep)).active);
}

TEST(PeerMessage, ErrorMessagesNeverEchoTheInput) {
  auto r = decode_peer_message(R"({"type":"secret-words","text":"secret-words"})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.find("secret"), std::string::npos);
  EXPECT_STREQ(to_string(r.error().code), "unknown_type");
}

}  // namespace
}  // namespace novatalk::chat
