// Tests of server/websocket_session through the real binary: the welcome, every error answer
// (the connection stays open after each), the frame limit (close 1009) and the sdp limit.
#include <gtest/gtest.h>

#include "tests/server/server_fixture.hpp"

namespace novatalk::server::test {
namespace {

class websocket_session_test : public server_test {};

TEST_F(websocket_session_test, welcome_counts_online_and_carries_ice_servers) {
  ws_client a(server().port());
  ASSERT_TRUE(a.connected());
  auto wa = a.next();
  EXPECT_EQ(wa["type"], "welcome");
  EXPECT_EQ(wa["online"], 1);
  EXPECT_EQ(wa["iceServers"], json::parse(R"([{"urls":"stun:stun.l.google.com:19302"}])"));

  ws_client b(server().port());
  auto wb = b.next();
  EXPECT_EQ(wb["type"], "welcome");
  EXPECT_EQ(wb["online"], 2);
}

TEST(websocket_session, ice_servers_flag_reaches_the_welcome) {
  const std::string servers =
      R"([{"urls":["turn:turn.example.org:3478"],"username":"u","credential":"p"}])";
  server_process server({"--ice-servers", servers});
  ASSERT_TRUE(server.started()) << server.log();
  ws_client a(server.port());
  auto w = a.next();
  EXPECT_EQ(w["iceServers"], json::parse(servers));
}

TEST_F(websocket_session_test, bad_messages_get_bad_message_and_the_connection_stays) {
  auto a = connect();
  auto b = connect();
  for (const char* bad : {
           R"({"type":)",                             // malformed JSON
           R"([1,2])",                                // not an object
           R"({"kind":"join"})",                      // no type
           R"({"type":"dance"})",                     // unknown type
           R"({"type":"join","interests":"music"})",  // wrong field type
           R"({"type":"join","mode":"audio"})",       // unknown mode
           R"({"type":"webrtc_offer","sdp":42})",     // wrong field type
       }) {
    ASSERT_TRUE(a.send(bad));
    auto reply = a.next();
    EXPECT_EQ(reply["type"], "error") << bad;
    EXPECT_EQ(reply["code"], "bad_message") << bad;
    EXPECT_TRUE(reply["message"].is_string()) << bad;
  }
  ASSERT_TRUE(a.send_binary("\x01\x02"));
  auto reply = a.next();
  EXPECT_EQ(reply["code"], "bad_message");
  // Still connected and working: it pairs.
  pair(a, b);
}

TEST_F(websocket_session_test, relay_while_not_matched_is_not_matched) {
  auto a = connect();
  for (const json& m : {json{{"type", "webrtc_offer"}, {"sdp", "v=0"}},
                        json{{"type", "webrtc_answer"}, {"sdp", "v=0"}},
                        json{{"type", "webrtc_ice_candidate"}, {"candidate", nullptr}}}) {
    ASSERT_TRUE(a.send_json(m));
    auto reply = a.next();
    EXPECT_EQ(reply["type"], "error");
    EXPECT_EQ(reply["code"], "not_matched") << m.dump();
  }
  // Waiting is not matched either.
  join_and_wait(a);
  ASSERT_TRUE(a.send_json({{"type", "webrtc_offer"}, {"sdp", "v=0"}}));
  EXPECT_EQ(a.next()["code"], "not_matched");
}

TEST_F(websocket_session_test, sdp_over_32k_in_a_frame_under_64k_is_too_large) {
  auto a = connect();
  auto b = connect();
  pair(a, b);
  // Exactly 64 KiB: the frame is accepted, its sdp is not.
  const std::string head = R"({"type":"webrtc_offer","sdp":")";
  const std::string tail = R"("})";
  const std::string frame = head + std::string(64 * 1024 - head.size() - tail.size(), 'x') + tail;
  ASSERT_EQ(frame.size(), 64u * 1024);
  ASSERT_TRUE(a.send(frame));
  auto reply = a.next();
  EXPECT_EQ(reply["type"], "error");
  EXPECT_EQ(reply["code"], "too_large");
  // Nothing reached the stranger, and the connection still relays.
  expect_nothing_pending(b);
  ASSERT_TRUE(a.send_json({{"type", "webrtc_offer"}, {"sdp", std::string(32 * 1024, 's')}}));
  auto offer = b.next();
  EXPECT_EQ(offer["type"], "webrtc_offer");
  EXPECT_EQ(offer["sdp"].get_ref<const std::string&>().size(), 32u * 1024);
}

// Beast validates UTF-8 in every text frame and closes with 1007 (invalid payload) before the
// codec sees it; docs/protocol.md still lists invalid UTF-8 under bad_message.
TEST_F(websocket_session_test, invalid_utf8_text_frame_closes_with_1007) {
  auto a = connect();
  ASSERT_TRUE(a.send("{\"type\":\"next\",\"x\":\"\xff\"}"));
  EXPECT_EQ(a.wait_closed(), 1007);
}

TEST_F(websocket_session_test, frame_over_64k_closes_with_1009) {
  auto a = connect();
  auto b = connect();
  pair(a, b);
  ASSERT_TRUE(a.send(std::string(64 * 1024 + 1, ' ')));
  EXPECT_EQ(a.wait_closed(), 1009);
  // Closing is a disconnect for the stranger.
  auto left = b.next();
  EXPECT_EQ(left["type"], "partner_left");
  EXPECT_EQ(left["reason"], "disconnect");
}

}  // namespace
}  // namespace novatalk::server::test

namespace novatalk::server::test {
namespace {

// A stranger who stops reading must not grow the server's memory: past --send-queue-bytes queued
// bytes its connection is closed, the sender hears `disconnect`, and everyone else goes on. The
// message rate limit is off so that the flood can be sent at all.
class send_queue_test : public server_test {
  std::vector<std::string> args() override {
    return {"--send-queue-bytes", "65536", "--msg-burst", "0", "--msg-rate", "0"};
  }
};

TEST_F(send_queue_test, a_reader_that_stops_reading_is_dropped) {
  auto a = connect();
  auto b = connect();
  pair(a, b);
  // b's frames pile up: b's test client only reads inside its own calls. The kernel's socket
  // buffers take the first few MB; then the server's queue fills.
  const json offer = {{"type", "webrtc_offer"}, {"sdp", std::string(32 * 1024, 's')}};
  bool dropped = false;
  for (int i = 0; i < 2000 && !dropped; ++i) {
    ASSERT_TRUE(a.send_json(offer));
    if (i % 16 == 15) dropped = server().wait_for_log("event=send_queue_full id=2", 0ms);
  }
  ASSERT_TRUE(server().wait_for_log("event=disconnected id=2 reason=queue_full")) << server().log();
  auto left = a.next();
  EXPECT_EQ(left["type"], "partner_left");
  EXPECT_EQ(left["reason"], "disconnect");
  // The server goes on: a newcomer is welcomed and paired with the sender (whose offers that
  // were on their way when b went are answered not_matched first).
  auto c = connect();
  ASSERT_TRUE(a.send_json(join_message()));
  ASSERT_TRUE(c.send_json(join_message()));
  auto m = a.next();
  while (m["type"] == "error" && m["code"] == "not_matched") m = a.next();
  EXPECT_EQ(m["type"], "matched") << m.dump();
  EXPECT_EQ(c.next()["type"], "matched");
}

}  // namespace
}  // namespace novatalk::server::test
