// The per-connection limits through the real binary: message rate (rate_limited, then 1008 for
// a client that keeps going), one next per interval, pings and the idle timeout for dead peers,
// and no permessage-deflate (the send queue: websocket_session_test). Waits are generous; nothing
// is timed.
#include <gtest/gtest.h>

#include <string>

#include "tests/server/server_fixture.hpp"

namespace novatalk::server::test {
namespace {

// The default limits: burst 40, 10/s, next once a second.
class message_limit_test : public server_test {};

TEST_F(message_limit_test, a_flood_is_refused_then_closed_with_1008) {
  auto flooder = connect();
  auto other = connect();
  // 200 frames as fast as the socket takes them: the burst passes (answered bad_message), the
  // rest is rate_limited until a burst's worth was refused, then the close.
  int sent = 0;
  while (sent < 200 && flooder.send(R"({"type":"probe"})")) ++sent;
  int bad_message = 0, rate_limited = 0;
  for (;;) {
    auto m = flooder.next(10s);
    if (m.is_null()) break;
    ASSERT_EQ(m["type"], "error") << m.dump();
    if (m["code"] == "bad_message")
      ++bad_message;
    else if (m["code"] == "rate_limited")
      ++rate_limited;
    else
      ADD_FAILURE() << m.dump();
  }
  EXPECT_EQ(flooder.wait_closed(10s), 1008);
  // At least the burst went through; at most a few more refilled while the frames arrived.
  EXPECT_GE(bad_message, 40);
  EXPECT_EQ(rate_limited, 40);  // the 40th refusal closes
  EXPECT_GE(sent, bad_message + rate_limited);
  // Everyone else is fine.
  expect_nothing_pending(other);
  EXPECT_TRUE(server().wait_for_log("event=rate_limit_close id=1"));
  EXPECT_TRUE(server().wait_for_log("event=disconnected id=1 reason=policy"));
}

TEST_F(message_limit_test, a_client_that_stops_when_limited_stays) {
  auto c = connect();
  // The burst and 5 more: those are refused, then the client waits for the answers.
  for (int i = 0; i < 45; ++i) ASSERT_TRUE(c.send(R"({"type":"probe"})"));
  int rate_limited = 0;
  for (int i = 0; i < 45; ++i) {
    auto m = c.next(10s);
    ASSERT_EQ(m["type"], "error") << m.dump();
    rate_limited += m["code"] == "rate_limited" ? 1 : 0;
  }
  EXPECT_GE(rate_limited, 1);
  EXPECT_LE(rate_limited, 5);
  EXPECT_TRUE(c.connected());
  // Tokens come back at 10/s: within a few seconds a message goes through again.
  bool through = false;
  for (int i = 0; i < 100 && !through; ++i) {
    ASSERT_TRUE(c.send(R"({"type":"probe"})"));
    auto m = c.next(10s);
    ASSERT_EQ(m["type"], "error") << m.dump();
    through = m["code"] == "bad_message";
    if (!through) c.next(200ms);  // nothing comes: just a pause before trying again
  }
  EXPECT_TRUE(through);
  EXPECT_TRUE(c.connected());
}

TEST_F(message_limit_test, next_twice_in_a_second_is_rate_limited) {
  auto a = connect();
  auto b = connect();
  pair(a, b);
  ASSERT_TRUE(a.send_json({{"type", "next"}}));
  EXPECT_EQ(b.next()["type"], "partner_left");
  ASSERT_TRUE(b.send_json(join_message()));
  // Nobody else waits: a and b are paired again at once.
  EXPECT_EQ(a.next()["type"], "matched");
  EXPECT_EQ(b.next()["type"], "matched");
  // A second skip right away is refused (the first is less than --next-interval-ms ago, unless
  // this machine is very slow: then it passes and there is nothing to check).
  ASSERT_TRUE(a.send_json({{"type", "next"}}));
  auto m = a.next();
  if (m["type"] == "error") {
    EXPECT_EQ(m["code"], "rate_limited") << m.dump();
    expect_nothing_pending(b);  // b was not told anything: a is still its stranger
    EXPECT_TRUE(a.connected());
  } else {
    EXPECT_TRUE(server().log().find("event=next id=1") != std::string::npos);
  }
}

class message_limit_off_test : public server_test {
  std::vector<std::string> args() override {
    return {"--msg-burst", "0", "--msg-rate", "0", "--next-interval-ms", "0"};
  }
};

TEST_F(message_limit_off_test, zero_turns_the_limits_off) {
  auto c = connect();
  for (int i = 0; i < 300; ++i) ASSERT_TRUE(c.send(R"({"type":"probe"})"));
  for (int i = 0; i < 300; ++i) {
    auto m = c.next(10s);
    ASSERT_EQ(m["code"], "bad_message") << i << " " << m.dump();
  }
  auto b = connect();
  pair(c, b);
  for (int round = 0; round < 3; ++round) {  // skips back to back, none refused
    ASSERT_TRUE(c.send_json({{"type", "next"}}));
    EXPECT_EQ(b.next()["type"], "partner_left");
    ASSERT_TRUE(b.send_json(join_message()));
    EXPECT_EQ(c.next()["type"], "matched");
    EXPECT_EQ(b.next()["type"], "matched");
  }
}

}  // namespace
}  // namespace novatalk::server::test

namespace novatalk::server::test {
namespace {

// --ping-interval and --idle-timeout, small: a peer that never reads or answers a ping (a
// ws_client that is never polled answers nothing) is closed and out of the queue; one that
// answers stays however quiet it is.
class idle_test : public server_test {
  std::vector<std::string> args() override {
    return {"--ping-interval", "1", "--idle-timeout", "3"};
  }
};

TEST_F(idle_test, a_dead_peer_is_closed_and_leaves_the_queue_a_quiet_live_one_stays) {
  auto dead = connect();
  join_and_wait(dead);  // waiting in the queue; from here on never polled
  auto live = connect();
  // Keep `live` answering pings until the dead one is gone (generous: 30 s).
  for (int i = 0; i < 60 && server().log().find("event=disconnected id=1") == std::string::npos;
       ++i)
    EXPECT_EQ(live.next_text(500ms), std::nullopt);
  const auto log = server().log();
  EXPECT_NE(log.find("event=idle_timeout id=1"), std::string::npos) << log;
  EXPECT_NE(log.find("event=disconnected id=1 reason=timeout online=1"), std::string::npos) << log;
  // A newcomer is not matched with it, and the count no longer has it.
  ws_client newcomer(server().port());
  auto welcome = newcomer.next();
  ASSERT_EQ(welcome["type"], "welcome");
  EXPECT_EQ(welcome["online"], 2);
  join_and_wait(newcomer);
  // `live` sent nothing at all for longer than the idle timeout; its pongs kept it.
  for (int i = 0; i < 10; ++i) EXPECT_EQ(live.next_text(500ms), std::nullopt);
  EXPECT_TRUE(live.connected());
  expect_nothing_pending(live);
  EXPECT_EQ(server().log().find("event=disconnected id=2"), std::string::npos) << server().log();
}

TEST(websocket_session_deflate, permessage_deflate_is_never_negotiated) {
  server_process server;
  ASSERT_TRUE(server.started()) << server.log();
  ws_client c(server.port(), 5s, std::nullopt,
              {{"Sec-WebSocket-Extensions",
                "permessage-deflate; client_max_window_bits, permessage-deflate"}});
  ASSERT_TRUE(c.connected());
  EXPECT_EQ(c.handshake_status(), 101);
  EXPECT_EQ(c.handshake_header("Sec-WebSocket-Extensions"), "");
  EXPECT_EQ(c.next()["type"], "welcome");
}

}  // namespace
}  // namespace novatalk::server::test
