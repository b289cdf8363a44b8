// The queued offer on the real server (docs/protocol.md, "Queued offer"): a waiter's offer is
// handed to its stranger right after the stranger's `matched`, as a plain webrtc_offer (so an
// older client as responder needs nothing new), and is never delivered when its sender is not
// waiting, nor after it left the queue.
#include <gtest/gtest.h>

#include "tests/server/server_fixture.hpp"

namespace novatalk::server::test {
namespace {

using namespace std::chrono_literals;

const json queued = {{"type", "queued_offer"}, {"sdp", "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\n"}};
const json offer = {{"type", "webrtc_offer"}, {"sdp", queued["sdp"]}};

class queued_offer_test : public server_test {
 protected:
  // A waiter whose queued offer the server has (processed before the probe's answer).
  void wait_with_offer(ws_client& c) {
    join_and_wait(c);
    ASSERT_TRUE(c.send_json(queued));
    expect_nothing_pending(c);  // kept without an answer
  }
  // `newcomer` joins and meets `waiter`, who has no queued offer held: the match is as it was
  // before the feature (no offer_sent, no offer for the newcomer).
  void expect_plain_match(ws_client& waiter, ws_client& newcomer) {
    ASSERT_TRUE(newcomer.send_json(join_message()));
    auto m = waiter.next();
    ASSERT_EQ(m["type"], "matched") << m.dump();
    EXPECT_EQ(m["role"], "initiator");
    EXPECT_FALSE(m.contains("offer_sent")) << m.dump();
    EXPECT_EQ(newcomer.next()["type"], "matched");
    expect_nothing_pending(newcomer);
  }
};

TEST_F(queued_offer_test, welcome_lists_the_feature) {
  ws_client c(server().port());
  auto w = c.next(5s);
  ASSERT_EQ(w["type"], "welcome") << w.dump();
  EXPECT_EQ(w["features"], json::array({"queued_offer"}));
}

TEST_F(queued_offer_test, the_waiters_offer_follows_the_strangers_matched) {
  auto a = connect();
  auto b = connect();  // never sends queued_offer: an older client
  wait_with_offer(a);
  ASSERT_TRUE(b.send_json(join_message()));
  auto ma = a.next();
  ASSERT_EQ(ma["type"], "matched") << ma.dump();
  EXPECT_EQ(ma["role"], "initiator");
  EXPECT_EQ(ma["offer_sent"], true);
  auto mb = b.next();
  ASSERT_EQ(mb["type"], "matched") << mb.dump();
  EXPECT_EQ(mb["role"], "responder");
  EXPECT_FALSE(mb.contains("offer_sent"));
  EXPECT_EQ(b.next(), offer);  // at once, exactly as a relayed offer
  // The rest of the handshake is relayed as ever.
  const json answer = {{"type", "webrtc_answer"}, {"sdp", "v=0 answer"}};
  ASSERT_TRUE(b.send_json(answer));
  EXPECT_EQ(a.next(), answer);
  expect_nothing_pending(a);
  expect_nothing_pending(b);
  EXPECT_TRUE(server().wait_for_log("event=matched", 5s));
  EXPECT_NE(server().log().find("offer=queued"), std::string::npos) << server().log();
  EXPECT_EQ(server().log().find("v=0"), std::string::npos);  // never logged
}

TEST_F(queued_offer_test, a_queued_offer_while_paired_is_dropped_silently) {
  auto a = connect();
  auto b = connect();
  pair(a, b);
  // It crossed our `matched`: the client sends its offer itself; this one reaches nobody.
  ASSERT_TRUE(a.send_json(queued));
  expect_nothing_pending(a);
  expect_nothing_pending(b);
  // Nor later, when a is queued again and someone comes.
  auto c = connect();
  ASSERT_TRUE(a.send_json(json{{"type", "next"}}));
  EXPECT_EQ(b.next()["type"], "partner_left");
  expect_nothing_pending(a);
  expect_plain_match(a, c);
}

TEST_F(queued_offer_test, a_queued_offer_before_join_is_dropped) {
  auto a = connect();
  auto b = connect();
  ASSERT_TRUE(a.send_json(queued));
  expect_nothing_pending(a);
  join_and_wait(a);
  expect_plain_match(a, b);
}

TEST_F(queued_offer_test, leave_next_and_join_drop_the_held_offer) {
  for (const json& out : {json{{"type", "leave"}}, json{{"type", "next"}}, join_message()}) {
    auto a = connect();
    auto b = connect();
    wait_with_offer(a);
    ASSERT_TRUE(a.send_json(out));
    if (out["type"] == "leave") {
      join_and_wait(a);  // back in the queue, without an offer
    } else {
      expect_nothing_pending(a);
    }
    expect_plain_match(a, b);
    ASSERT_TRUE(a.send_json(json{{"type", "leave"}}));
    EXPECT_EQ(b.next()["type"], "partner_left");
  }
}

TEST_F(queued_offer_test, a_waiter_that_disconnects_takes_its_offer_along) {
  auto b = connect();
  {
    auto a = connect();
    wait_with_offer(a);
    a.close();
    ASSERT_TRUE(server().wait_for_log("event=disconnected", 5s)) << server().log();
  }
  auto c = connect();
  join_and_wait(b);
  expect_plain_match(b, c);
}

TEST_F(queued_offer_test, a_second_queued_offer_replaces_the_first) {
  auto a = connect();
  auto b = connect();
  wait_with_offer(a);
  const json newer = {{"type", "queued_offer"}, {"sdp", "v=0 newer"}};
  ASSERT_TRUE(a.send_json(newer));
  expect_nothing_pending(a);
  ASSERT_TRUE(b.send_json(join_message()));
  EXPECT_EQ(a.next()["offer_sent"], true);
  EXPECT_EQ(b.next()["type"], "matched");
  EXPECT_EQ(b.next(), json({{"type", "webrtc_offer"}, {"sdp", "v=0 newer"}}));
  expect_nothing_pending(b);
}

// Both waited (interests, then the wait ran out): only the initiator's offer is handed over; the
// responder's is dropped, and the responder gets the initiator's.
TEST_F(queued_offer_test, two_waiters_with_offers_only_the_initiators_goes) {
  auto a = connect();
  auto b = connect();
  join_and_wait(a, {"chess"});
  ASSERT_TRUE(a.send_json(queued));
  expect_nothing_pending(a);
  join_and_wait(b, {"music"});
  ASSERT_TRUE(b.send_json(json{{"type", "queued_offer"}, {"sdp", "v=0 from b"}}));
  expect_nothing_pending(b);
  auto ma = a.next(15s);  // --interest-wait (5 s) runs out
  ASSERT_EQ(ma["type"], "matched") << ma.dump();
  EXPECT_EQ(ma["role"], "initiator");
  EXPECT_EQ(ma["offer_sent"], true);
  auto mb = b.next(15s);
  EXPECT_EQ(mb["role"], "responder");
  EXPECT_FALSE(mb.contains("offer_sent"));
  EXPECT_EQ(b.next(), offer);
  expect_nothing_pending(a);  // b's offer went nowhere
  expect_nothing_pending(b);
}

TEST_F(queued_offer_test, malformed_or_oversized_queued_offers_are_errors_to_the_sender) {
  auto a = connect();
  join_and_wait(a);
  ASSERT_TRUE(a.send(R"({"type":"queued_offer"})"));
  EXPECT_EQ(a.next()["code"], "bad_message");
  ASSERT_TRUE(a.send_json(json{{"type", "queued_offer"}, {"sdp", std::string(33 * 1024, 'a')}}));
  EXPECT_EQ(a.next()["code"], "too_large");
}

}  // namespace
}  // namespace novatalk::server::test
