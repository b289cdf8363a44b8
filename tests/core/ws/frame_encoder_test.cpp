// Tests of core/ws/frame_encoder: headers in each length form, control frames, close payloads
// cut at a code point boundary.
#include "core/ws/frame_encoder.hpp"

#include <gtest/gtest.h>

#include "core/chat/utf8.hpp"

namespace novatalk::ws {
namespace {

TEST(frame_encoder, headers_use_the_shortest_length_form) {
  EXPECT_EQ(encode_header(opcode::text, 0).view(), std::string("\x81\x00", 2));
  EXPECT_EQ(encode_header(opcode::text, 125).view(), "\x81\x7d");
  EXPECT_EQ(encode_header(opcode::text, 126).view(), std::string("\x81\x7e\x00\x7e", 4));
  EXPECT_EQ(encode_header(opcode::binary, 65535).view(), "\x82\x7e\xff\xff");
  EXPECT_EQ(encode_header(opcode::text, 65536).view(),
            std::string("\x81\x7f\x00\x00\x00\x00\x00\x01\x00\x00", 10));
}

TEST(frame_encoder, control_frames_are_whole_and_unmasked) {
  EXPECT_EQ(encode_control(opcode::pong, "abc"),
            "\x8a\x03"
            "abc");
  EXPECT_EQ(encode_control(opcode::ping, ""), std::string("\x89\x00", 2));
  EXPECT_EQ(encode_control(opcode::ping, std::string(200, 'x')).size(), 2u + 125u);
}

TEST(frame_encoder, close_frames_carry_the_code_and_a_reason_that_fits) {
  EXPECT_EQ(encode_close(1001, "retry:5000"), "\x88\x0c\x03\xe9retry:5000");
  EXPECT_EQ(encode_close(1000, ""), "\x88\x02\x03\xe8");
  // 200 two-byte characters: cut to whole characters within 123 bytes.
  std::string long_reason;
  for (int i = 0; i < 200; ++i) long_reason += "\xc3\xa9";
  const std::string frame = encode_close(1008, long_reason);
  EXPECT_LE(frame.size(), 2u + 125u);
  EXPECT_TRUE(chat::is_valid_utf8(frame.substr(4)));
  EXPECT_EQ(frame.size(), 4u + 122u);
}

}  // namespace
}  // namespace novatalk::ws
