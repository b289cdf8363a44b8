// The relay of the WebRTC handshake: offer, answer and candidates reach the stranger only, with
// their fields unchanged and nothing else added.
#include <gtest/gtest.h>

#include "tests/server/server_fixture.hpp"

namespace novatalk::server::test {
namespace {

class relay_test : public server_test {};

TEST_F(relay_test, offer_answer_and_candidates_reach_only_the_stranger_unchanged) {
  auto a = connect();
  auto b = connect();
  auto c = connect();  // connected, and waiting alone in the other mode
  join_and_wait(c, {}, "text");
  pair(a, b);

  const json offer = {{"type", "webrtc_offer"}, {"sdp", "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\n"}};
  ASSERT_TRUE(a.send_json(offer));
  EXPECT_EQ(b.next(), offer);

  const json answer = {{"type", "webrtc_answer"}, {"sdp", "v=0\r\no=- 3 4 IN IP4 0.0.0.0\r\n"}};
  ASSERT_TRUE(b.send_json(answer));
  EXPECT_EQ(a.next(), answer);

  const json candidate = {{"type", "webrtc_ice_candidate"},
                          {"candidate",
                           {{"candidate", "candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host"},
                            {"sdpMid", "0"},
                            {"sdpMLineIndex", 0},
                            {"usernameFragment", "abcd"}}}};
  ASSERT_TRUE(a.send_json(candidate));
  EXPECT_EQ(b.next(), candidate);

  const json nulls = {{"type", "webrtc_ice_candidate"},
                      {"candidate",
                       {{"candidate", "candidate:2 1 udp 1 192.0.2.2 9 typ host"},
                        {"sdpMid", nullptr},
                        {"sdpMLineIndex", nullptr}}}};
  ASSERT_TRUE(b.send_json(nulls));
  EXPECT_EQ(a.next(), nulls);

  const json end = {{"type", "webrtc_ice_candidate"}, {"candidate", nullptr}};
  ASSERT_TRUE(a.send_json(end));
  EXPECT_EQ(b.next(), end);

  // Nothing came back to the senders, nothing reached the third client.
  expect_nothing_pending(a);
  expect_nothing_pending(b);
  expect_nothing_pending(c);
}

TEST_F(relay_test, extra_fields_are_not_relayed) {
  auto a = connect();
  auto b = connect();
  pair(a, b);
  ASSERT_TRUE(a.send(R"({"type":"webrtc_offer","sdp":"v=0","evil":"payload","to":1})"));
  EXPECT_EQ(b.next(), json({{"type", "webrtc_offer"}, {"sdp", "v=0"}}));
}

TEST_F(relay_test, after_next_the_old_stranger_gets_nothing_more) {
  auto a = connect();
  auto b = connect();
  pair(a, b);
  ASSERT_TRUE(a.send_json({{"type", "next"}}));
  EXPECT_EQ(b.next()["reason"], "next");
  ASSERT_TRUE(b.send_json({{"type", "webrtc_answer"}, {"sdp", "v=0"}}));
  EXPECT_EQ(b.next()["code"], "not_matched");
  expect_nothing_pending(a);
}

}  // namespace
}  // namespace novatalk::server::test
