// The server's own WebSocket framing through the real binary, with a raw client: fragmented
// messages, pings from the client, several frames in one write, unmasked frames and reserved
// bits (1002), invalid UTF-8 split across fragments (1007), close codes echoed or refused, and
// the handshake's refusals (400, 426).
#include <gtest/gtest.h>

#include "tests/core/ws/ws_test_frames.hpp"
#include "tests/server/raw_ws_client.hpp"
#include "tests/server/server_fixture.hpp"

namespace novatalk::server::test {
namespace {

using ws::test::client_frame;

std::string be16(std::uint16_t v) {
  return std::string{static_cast<char>(v >> 8), static_cast<char>(v & 0xFF)};
}

class websocket_framing_test : public server_test {
 protected:
  // A raw client past the handshake, its welcome read.
  std::unique_ptr<raw_ws_client> raw() {
    auto c = std::make_unique<raw_ws_client>(server().port());
    EXPECT_TRUE(c->connected());
    EXPECT_EQ(c->handshake(), 101) << c->head();
    const auto welcome = c->next_text();
    EXPECT_TRUE(welcome && welcome->find(R"("type":"welcome")") != std::string::npos);
    return c;
  }
  // A raw client and a ws_client in a call with each other.
  static void pair_raw(raw_ws_client& a, ws_client& b) {
    ASSERT_TRUE(a.send_raw(client_frame(0x81, R"({"type":"join"})")));
    ASSERT_TRUE(b.send_json(join_message()));
    ASSERT_TRUE(a.next_text());
    ASSERT_EQ(b.next()["type"], "matched");
  }
  // The close frame the server sends next (skipping anything before it); its code, or 0.
  static std::uint16_t close_code_of(raw_ws_client& c) {
    for (;;) {
      const auto f = c.next_frame();
      if (!f) return 0;
      if (f->opcode == 0x8) return f->close_code();
    }
  }
};

TEST_F(websocket_framing_test, the_101_carries_the_rfc_accept_and_no_extension) {
  raw_ws_client c(server().port());
  ASSERT_EQ(c.handshake("Sec-WebSocket-Extensions: permessage-deflate\r\n"), 101) << c.head();
  // RFC 6455 section 1.3: this key's accept value.
  EXPECT_NE(c.head().find("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"),
            std::string::npos)
      << c.head();
  EXPECT_EQ(c.head().find("Sec-WebSocket-Extensions"), std::string::npos) << c.head();
}

TEST_F(websocket_framing_test, a_fragmented_join_with_a_ping_between_pairs) {
  auto a = raw();
  auto b = connect();
  // {"type":"join"} in three fragments, a ping between the first two, all in one write.
  ASSERT_TRUE(a->send_raw(client_frame(0x01, R"({"type")") + client_frame(0x89, "are you there") +
                          client_frame(0x00, R"(:"jo)") + client_frame(0x80, R"(in"})")));
  const auto pong = a->next_frame();
  ASSERT_TRUE(pong);
  EXPECT_EQ(pong->opcode, 0xA);
  EXPECT_EQ(pong->payload, "are you there");
  ASSERT_TRUE(b.send_json(join_message()));
  const auto matched = a->next_text();
  ASSERT_TRUE(matched);
  EXPECT_NE(matched->find(R"("type":"matched")"), std::string::npos) << *matched;
  EXPECT_EQ(b.next()["type"], "matched");
}

TEST_F(websocket_framing_test, several_messages_in_one_write_are_each_answered) {
  auto a = raw();
  ASSERT_TRUE(a->send_raw(client_frame(0x81, R"({"type":"dance"})") +
                          client_frame(0x81, R"({"type":"twist"})") + client_frame(0x82, "\x01")));
  for (int i = 0; i < 3; ++i) {
    const auto reply = a->next_text();
    ASSERT_TRUE(reply) << i;
    EXPECT_NE(reply->find(R"("code":"bad_message")"), std::string::npos) << *reply;
  }
}

TEST_F(websocket_framing_test, an_unmasked_frame_closes_with_1002) {
  auto a = raw();
  ASSERT_TRUE(a->send_raw(client_frame(0x81, R"({"type":"join"})", false)));
  EXPECT_EQ(close_code_of(*a), 1002);
  EXPECT_TRUE(a->wait_eof());
  EXPECT_TRUE(server().wait_for_log("event=disconnected id=1 reason=error"));
}

TEST_F(websocket_framing_test, reserved_bits_and_unknown_opcodes_close_with_1002) {
  for (std::uint8_t first : {0xC1, 0x83}) {
    auto a = raw();
    ASSERT_TRUE(a->send_raw(client_frame(first, "x")));
    EXPECT_EQ(close_code_of(*a), 1002) << int(first);
  }
}

TEST_F(websocket_framing_test, invalid_utf8_split_across_fragments_closes_with_1007) {
  auto a = raw();
  // Each fragment alone is fine; together they are an overlong form.
  ASSERT_TRUE(a->send_raw(client_frame(0x01, "{\"x\":\"\xe0") + client_frame(0x80, "\x80\x80\"}")));
  EXPECT_EQ(close_code_of(*a), 1007);
}

TEST_F(websocket_framing_test, a_frame_announcing_too_much_closes_with_1009_at_once) {
  auto a = raw();
  // Only the header of a 1 GiB frame: the server does not wait for (or keep) any of it.
  std::string header = "\x81\xFF";
  header += std::string("\x00\x00\x00\x00\x40\x00\x00\x00", 8);
  header += "\x01\x02\x03\x04";
  ASSERT_TRUE(a->send_raw(header));
  EXPECT_EQ(close_code_of(*a), 1009);
  EXPECT_TRUE(server().wait_for_log("event=disconnected id=1 reason=too_big"));
}

TEST_F(websocket_framing_test, the_clients_close_is_echoed_and_ends_the_connection) {
  auto a = raw();
  auto b = connect();
  pair_raw(*a, b);
  ASSERT_TRUE(a->send_raw(client_frame(0x88, be16(4000) + "bye")));
  EXPECT_EQ(close_code_of(*a), 4000);
  EXPECT_TRUE(a->wait_eof());
  // A close frame is a person leaving: the stranger hears of it at once.
  const auto left = b.next();
  EXPECT_EQ(left["type"], "partner_left");
  EXPECT_EQ(left["reason"], "disconnect");
  EXPECT_TRUE(server().wait_for_log("event=disconnected id=1 reason=closed"));
}

// 1001 is the browser tearing a page down that never said goodbye (the page's own close is
// 1000): lost like a drop, so the stranger is not told and the client may resume.
TEST_F(websocket_framing_test, a_going_away_close_is_a_lost_socket_not_a_leave) {
  auto a = raw();
  auto b = connect();
  pair_raw(*a, b);
  ASSERT_TRUE(a->send_raw(client_frame(0x88, be16(1001))));
  EXPECT_EQ(close_code_of(*a), 1001);
  EXPECT_TRUE(server().wait_for_log("event=disconnected id=1 reason=going_away"));
  EXPECT_TRUE(server().wait_for_log("event=detached id=1")) << server().log();
  expect_nothing_pending(b);
}

TEST_F(websocket_framing_test, a_close_without_a_code_is_answered_without_one) {
  auto a = raw();
  ASSERT_TRUE(a->send_raw(client_frame(0x88, "")));
  const auto f = a->next_frame();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->opcode, 0x8);
  EXPECT_EQ(f->payload, "");
  EXPECT_TRUE(a->wait_eof());
}

TEST_F(websocket_framing_test, an_invalid_close_code_closes_with_1002) {
  auto a = raw();
  ASSERT_TRUE(a->send_raw(client_frame(0x88, be16(1005))));
  EXPECT_EQ(close_code_of(*a), 1002);
}

TEST_F(websocket_framing_test, a_ping_from_the_client_gets_its_payload_back) {
  auto a = raw();
  ASSERT_TRUE(a->send_raw(client_frame(0x89, std::string(125, 'p'))));
  const auto pong = a->next_frame();
  ASSERT_TRUE(pong);
  EXPECT_EQ(pong->opcode, 0xA);
  EXPECT_EQ(pong->payload, std::string(125, 'p'));
  // An oversized ping is a protocol error.
  ASSERT_TRUE(a->send_raw(client_frame(0x89, std::string(126, 'p'))));
  EXPECT_EQ(close_code_of(*a), 1002);
}

TEST_F(websocket_framing_test, handshakes_that_break_the_rfc_are_refused) {
  {
    raw_ws_client c(server().port());
    EXPECT_EQ(
        c.handshake("Host: x\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n"
                    "Sec-WebSocket-Version: 8\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n",
                    false),
        426);
    EXPECT_NE(c.head().find("Sec-WebSocket-Version: 13"), std::string::npos) << c.head();
  }
  for (const char* key :
       {"", "Sec-WebSocket-Key: short\r\n", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=!\r\n",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZSBsb25nZXI=\r\n"}) {
    raw_ws_client c(server().port());
    EXPECT_EQ(c.handshake(std::string("Host: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                      "Sec-WebSocket-Version: 13\r\n") +
                              key,
                          false),
              400)
        << key;
  }
  // Not asking for a WebSocket at all (no Upgrade token): /ws answers 426 as plain HTTP.
  raw_ws_client c(server().port());
  EXPECT_EQ(c.handshake("Host: x\r\nConnection: Upgrade\r\n", false), 426);
  // None of them got a session.
  EXPECT_EQ(server().log().find("event=connected"), std::string::npos) << server().log();
}

}  // namespace
}  // namespace novatalk::server::test
