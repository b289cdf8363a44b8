// Tests of server/hub without sockets: which frames go to whom, in which order. The integration
// tests cover the same rules through the binary; these pin the ordering exactly.
#include "server/hub.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace novatalk::server {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;

json parsed(const outbound& o) { return json::parse(o.text, nullptr, false); }

class hub_test : public ::testing::Test {
 protected:
  hub hub_{pairing::config{1000ms}, R"([{"urls":"stun:example.org"}])"};
  pairing::time_point t0_ = pairing::clock::now();
};

TEST_F(hub_test, welcome) {
  auto out = hub_.connect(7, 3);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, 7u);
  EXPECT_EQ(
      parsed(out[0]),
      json::parse(R"({"type":"welcome","online":3,"iceServers":[{"urls":"stun:example.org"}]})"));
}

TEST_F(hub_test, match_then_relay_then_next_in_order) {
  EXPECT_TRUE(hub_.message(1, R"({"type":"join"})", t0_).empty());
  auto out = hub_.message(2, R"({"type":"join"})", t0_ + 1ms);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].to, 1u);
  EXPECT_EQ(parsed(out[0])["role"], "initiator");
  EXPECT_EQ(out[1].to, 2u);
  EXPECT_EQ(parsed(out[1])["role"], "responder");

  out = hub_.message(1, R"({"type":"webrtc_offer","sdp":"v=0","x":1})", t0_ + 2ms);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, 2u);
  EXPECT_EQ(parsed(out[0]), json::parse(R"({"type":"webrtc_offer","sdp":"v=0"})"));

  // 3 waits; 1 nexts: 2 hears `next` before 1 hears of its match with 3.
  EXPECT_TRUE(hub_.message(3, R"({"type":"join"})", t0_ + 3ms).empty());
  out = hub_.message(1, R"({"type":"next"})", t0_ + 4ms);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].to, 2u);
  EXPECT_EQ(parsed(out[0]), json::parse(R"({"type":"partner_left","reason":"next"})"));
  EXPECT_EQ(parsed(out[1])["type"], "matched");
  EXPECT_EQ(parsed(out[2])["type"], "matched");

  out = hub_.disconnect(3, t0_ + 5ms);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, 1u);
  EXPECT_EQ(parsed(out[0])["reason"], "disconnect");
}

TEST_F(hub_test, errors_go_back_to_the_sender_only) {
  auto out = hub_.message(1, "{", t0_);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, 1u);
  EXPECT_EQ(parsed(out[0])["code"], "bad_message");

  out = hub_.message(1, R"({"type":"webrtc_answer","sdp":"v=0"})", t0_);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, 1u);
  EXPECT_EQ(parsed(out[0])["code"], "not_matched");

  out = hub_.binary_message(1);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(parsed(out[0])["code"], "bad_message");
}

TEST_F(hub_test, tick_pairs_after_the_interest_wait) {
  EXPECT_TRUE(hub_.message(1, R"({"type":"join","interests":["a"]})", t0_).empty());
  EXPECT_TRUE(hub_.message(2, R"({"type":"join","interests":["b"]})", t0_).empty());
  EXPECT_TRUE(hub_.tick(t0_ + 500ms).empty());
  auto out = hub_.tick(t0_ + 1500ms);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(parsed(out[0])["common"], json::array());
}

}  // namespace
}  // namespace novatalk::server
