// Tests of core/ws/frame_decoder: whole and split frames, fragments with control frames between
// them, every violation and its close code, UTF-8 across fragments, close frames, and that
// nothing is kept once a message was delivered.
#include "core/ws/frame_decoder.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/core/ws/ws_test_frames.hpp"

namespace novatalk::ws {
namespace {

using test::client_frame;
using kind = frame_event::kind;

constexpr std::size_t limit = 64 * 1024;

struct seen {
  kind what;
  std::string payload;
  std::uint16_t code;
};

// Feeds `bytes` in pieces of `step` bytes (0: all at once), collecting every event.
std::vector<seen> decode(frame_decoder& d, std::string bytes, std::size_t step = 0) {
  std::vector<seen> out;
  std::size_t at = 0;
  while (at < bytes.size() || (at == 0 && bytes.empty())) {
    const std::size_t n = step == 0 ? bytes.size() - at : std::min(step, bytes.size() - at);
    char* data = bytes.data() + at;
    std::size_t size = n;
    for (;;) {
      const auto e = d.next(data, size);
      if (e.what == kind::need_more) break;
      out.push_back({e.what, std::string(e.payload), e.code});
    }
    EXPECT_EQ(size, 0u);
    at += n;
    if (bytes.empty()) break;
  }
  return out;
}

std::vector<seen> decode(std::string bytes, std::size_t step = 0) {
  frame_decoder d(limit);
  return decode(d, std::move(bytes), step);
}

// The close code a byte sequence fails with (0 if it does not).
std::uint16_t failure(std::string bytes) {
  for (const auto& e : decode(std::move(bytes)))
    if (e.what == kind::fail) return e.code;
  return 0;
}

std::string be16(std::uint16_t v) {
  return std::string{static_cast<char>(v >> 8), static_cast<char>(v & 0xFF)};
}

TEST(frame_decoder, a_masked_text_frame_is_one_message) {
  const auto events = decode(client_frame(0x81, R"({"type":"join"})"));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].what, kind::text);
  EXPECT_EQ(events[0].payload, R"({"type":"join"})");
}

TEST(frame_decoder, several_frames_in_one_read_and_a_binary_one) {
  const auto events =
      decode(client_frame(0x81, "one") + client_frame(0x82, "\x01\x02") + client_frame(0x81, ""));
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].payload, "one");
  EXPECT_EQ(events[1].what, kind::binary);
  EXPECT_EQ(events[1].payload, "\x01\x02");
  EXPECT_EQ(events[2].what, kind::text);
  EXPECT_EQ(events[2].payload, "");
}

TEST(frame_decoder, every_split_of_a_stream_gives_the_same_messages) {
  const std::string big(70000 - 100, 'b');  // a 64-bit length would be over the limit: 16-bit
  const std::string stream = client_frame(0x81, "hello") + client_frame(0x01, "frag") +
                             client_frame(0x89, "ping!") + client_frame(0x80, "mented") +
                             client_frame(0x81, std::string(300, 's')) +
                             client_frame(0x82, std::string(60000, 'x'));
  for (std::size_t step : {1u, 2u, 3u, 7u, 13u, 100u, 1000u}) {
    const auto events = decode(stream, step);
    ASSERT_EQ(events.size(), 5u) << step;
    EXPECT_EQ(events[0].payload, "hello");
    EXPECT_EQ(events[1].what, kind::ping);
    EXPECT_EQ(events[1].payload, "ping!");
    EXPECT_EQ(events[2].what, kind::text);
    EXPECT_EQ(events[2].payload, "fragmented");
    EXPECT_EQ(events[3].payload, std::string(300, 's'));
    EXPECT_EQ(events[4].what, kind::binary);
    EXPECT_EQ(events[4].payload.size(), 60000u);
  }
}

TEST(frame_decoder, a_fragmented_message_is_reassembled_with_empty_fragments) {
  const auto events = decode(client_frame(0x01, "") + client_frame(0x00, "a") +
                             client_frame(0x00, "") + client_frame(0x80, "b"));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].what, kind::text);
  EXPECT_EQ(events[0].payload, "ab");
}

TEST(frame_decoder, unmasked_frames_are_a_protocol_error) {
  EXPECT_EQ(failure(client_frame(0x81, "x", false)), close_code::protocol_error);
  EXPECT_EQ(failure(client_frame(0x89, "", false)), close_code::protocol_error);
}

TEST(frame_decoder, reserved_bits_and_unknown_opcodes_are_a_protocol_error) {
  for (std::uint8_t first : {0xC1, 0xA1, 0x91, 0x83, 0x87, 0x8B, 0x8F})
    EXPECT_EQ(failure(client_frame(first, "x")), close_code::protocol_error) << int(first);
}

TEST(frame_decoder, bad_fragmentation_is_a_protocol_error) {
  // A continuation with nothing to continue; a new message before the last one ended.
  EXPECT_EQ(failure(client_frame(0x80, "x")), close_code::protocol_error);
  EXPECT_EQ(failure(client_frame(0x01, "a") + client_frame(0x81, "b")), close_code::protocol_error);
  EXPECT_EQ(failure(client_frame(0x02, "a") + client_frame(0x02, "b")), close_code::protocol_error);
}

TEST(frame_decoder, control_frames_are_short_and_whole) {
  EXPECT_EQ(failure(client_frame(0x89, std::string(126, 'p'))), close_code::protocol_error);
  EXPECT_EQ(failure(client_frame(0x09, "p")), close_code::protocol_error);  // fragmented ping
  const auto ok = decode(client_frame(0x89, std::string(125, 'p')) + client_frame(0x8A, "q"));
  ASSERT_EQ(ok.size(), 2u);
  EXPECT_EQ(ok[0].payload, std::string(125, 'p'));
  EXPECT_EQ(ok[1].what, kind::pong);
  EXPECT_EQ(ok[1].payload, "q");
}

TEST(frame_decoder, lengths_must_be_in_their_shortest_form) {
  EXPECT_EQ(failure(client_frame(0x81, "short", true, 126)), close_code::protocol_error);
  EXPECT_EQ(failure(client_frame(0x81, std::string(300, 'x'), true, 127)),
            close_code::protocol_error);
  const auto ok = decode(client_frame(0x81, std::string(126, 'x'), true, 126));
  ASSERT_EQ(ok.size(), 1u);
  EXPECT_EQ(ok[0].payload.size(), 126u);
}

TEST(frame_decoder, a_64_bit_length_with_the_top_bit_is_a_protocol_error) {
  std::string f = "\x81\xFF";
  f += std::string("\x80\x00\x00\x00\x00\x00\x00\x00", 8);
  f += "\x01\x02\x03\x04";
  EXPECT_EQ(failure(f), close_code::protocol_error);
}

TEST(frame_decoder, over_the_limit_fails_on_the_header_without_keeping_it) {
  // A frame that announces 1 GiB: 1009 from its 14 header bytes alone.
  std::string f = "\x81\xFF";
  f += std::string("\x00\x00\x00\x00\x40\x00\x00\x00", 8);
  f += "\x01\x02\x03\x04";
  EXPECT_EQ(failure(f), close_code::too_big);
  EXPECT_EQ(failure(client_frame(0x81, std::string(limit + 1, 'x'))), close_code::too_big);
  // The limit counts the whole message: fragments that add up past it.
  EXPECT_EQ(failure(client_frame(0x01, std::string(limit / 2, 'x')) +
                    client_frame(0x80, std::string(limit / 2 + 1, 'x'))),
            close_code::too_big);
  // Exactly the limit passes, in one frame or in fragments.
  EXPECT_EQ(failure(client_frame(0x81, std::string(limit, 'x'))), 0);
  EXPECT_EQ(failure(client_frame(0x01, std::string(limit / 2, 'x')) +
                    client_frame(0x80, std::string(limit / 2, 'x'))),
            0);
}

TEST(frame_decoder, invalid_utf8_fails_fast_across_fragments) {
  EXPECT_EQ(failure(client_frame(0x81, "bad \xff")), close_code::invalid_payload);
  EXPECT_EQ(failure(client_frame(0x81, "\xed\xa0\x80")), close_code::invalid_payload);  // surrogate
  // A code point split between fragments is fine; one left unfinished at the end is not.
  const auto ok = decode(client_frame(0x01, "caf\xc3") + client_frame(0x80, "\xa9"));
  ASSERT_EQ(ok.size(), 1u);
  EXPECT_EQ(ok[0].payload, "caf\xc3\xa9");
  EXPECT_EQ(failure(client_frame(0x01, "caf") + client_frame(0x80, "\xc3")),
            close_code::invalid_payload);
  // Fail fast: the first fragment already breaks it, before any FIN arrives.
  frame_decoder d(limit);
  const auto events = decode(d, client_frame(0x01, "\xc3\x28"));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].code, close_code::invalid_payload);
  // Binary frames are not text.
  EXPECT_EQ(failure(client_frame(0x82, "\xff")), 0);
}

TEST(frame_decoder, close_frames_carry_a_code_and_a_reason) {
  auto events = decode(client_frame(0x88, be16(1000) + "bye"));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].what, kind::close);
  EXPECT_EQ(events[0].code, 1000);
  EXPECT_EQ(events[0].payload, "bye");
  events = decode(client_frame(0x88, ""));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].code, close_code::no_status);
  for (std::uint16_t good : {1000, 1001, 1003, 1007, 1011, 1014, 3000, 4999}) {
    events = decode(client_frame(0x88, be16(good)));
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].code, good);
  }
  for (std::uint16_t bad : {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535})
    EXPECT_EQ(failure(client_frame(0x88, be16(bad))), close_code::protocol_error) << bad;
  EXPECT_EQ(failure(client_frame(0x88, "\x03")), close_code::protocol_error);  // half a code
  EXPECT_EQ(failure(client_frame(0x88, be16(1000) + "\xff")), close_code::invalid_payload);
}

TEST(frame_decoder, nothing_is_read_after_a_close_or_a_failure) {
  auto events = decode(client_frame(0x88, be16(1000)) + client_frame(0x81, "late"));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].what, kind::close);
  events = decode(client_frame(0x81, "x", false) + client_frame(0x81, "late"));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].what, kind::fail);
}

TEST(frame_decoder, an_idle_decoder_keeps_no_message) {
  frame_decoder d(limit);
  EXPECT_FALSE(d.mid_message());
  const std::string frame = client_frame(0x81, std::string(5000, 'x'));
  auto events = decode(d, frame.substr(0, 3000));
  EXPECT_TRUE(events.empty());
  EXPECT_TRUE(d.mid_message());
  events = decode(d, frame.substr(3000));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].payload, std::string(5000, 'x'));
  EXPECT_FALSE(d.mid_message());
  // A fragment alone keeps the message open.
  decode(d, client_frame(0x01, "a"));
  EXPECT_TRUE(d.mid_message());
}

TEST(frame_decoder, a_ping_between_fragments_keeps_the_message) {
  const std::string stream = client_frame(0x01, "ab") + client_frame(0x89, "p1") +
                             client_frame(0x00, "cd") + client_frame(0x8A, "") +
                             client_frame(0x80, "ef");
  for (std::size_t step : {0u, 1u, 5u}) {
    const auto events = decode(stream, step);
    ASSERT_EQ(events.size(), 3u) << step;
    EXPECT_EQ(events[0].what, kind::ping);
    EXPECT_EQ(events[0].payload, "p1");
    EXPECT_EQ(events[1].what, kind::pong);
    EXPECT_EQ(events[2].what, kind::text);
    EXPECT_EQ(events[2].payload, "abcdef");
  }
}

}  // namespace
}  // namespace novatalk::ws
