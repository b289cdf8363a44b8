// Tests of server/ice_servers and the hub's TURN credential refresh: every client gets its own
// credential in `welcome`, fresh ones in `ice_servers` two thirds into their life, none after it
// left; without TURN the static list is sent as is and nothing is refreshed.
#include "server/ice_servers.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/hub.hpp"
#include "server/turn_credentials.hpp"

namespace novatalk::server {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kStun = R"([{"urls":"stun:stun.example.org:3478"}])";

ice_server_list turn_list(int* counter) {
  return ice_server_list(
      kStun,
      turn_config{"secret",
                  {"turn:t.example:3478?transport=udp", "turns:t.example:443?transport=tcp"},
                  600s},
      [counter] { return "id" + std::to_string(++*counter); });
}

TEST(ice_servers, without_turn_the_static_list_goes_out_unchanged) {
  ice_server_list l(kStun, {}, [] { return std::string("unused"); });
  EXPECT_FALSE(l.has_turn());
  EXPECT_EQ(l.for_client(1000), kStun);
}

TEST(ice_servers, turn_entry_has_a_fresh_credential_per_client) {
  int n = 0;
  const auto l = turn_list(&n);
  ASSERT_TRUE(l.has_turn());
  const json a = json::parse(l.for_client(1000));
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0]["urls"], "stun:stun.example.org:3478");
  EXPECT_EQ(
      a[1]["urls"],
      json::parse(R"(["turn:t.example:3478?transport=udp","turns:t.example:443?transport=tcp"])"));
  EXPECT_EQ(a[1]["username"], "1600:id1");
  EXPECT_EQ(a[1]["credential"], hmac_sha1_base64("secret", "1600:id1"));
  EXPECT_EQ(json::parse(l.for_client(1000))[1]["username"], "1600:id2");
  // The secret itself is never in what clients get.
  EXPECT_EQ(l.for_client(1000).find("secret"), std::string::npos);
}

class hub_turn_test : public ::testing::Test {
 protected:
  std::int64_t unix_ = 1000;
  int ids_ = 0;
  hub hub_{pairing::config{1000ms}, turn_list(&ids_), [this] { return unix_; }};
  pairing::time_point t0_ = pairing::clock::now();

  std::vector<outbound> tick_at(std::int64_t unix) {
    unix_ = unix;
    return hub_.tick(t0_);
  }
};

TEST_F(hub_turn_test, welcome_carries_the_turn_credential) {
  auto out = hub_.connect(7, 1);
  ASSERT_EQ(out.size(), 1u);
  const json w = json::parse(out[0].text);
  EXPECT_EQ(w["type"], "welcome");
  EXPECT_EQ(w["iceServers"][1]["username"], "1600:id1");
}

TEST_F(hub_turn_test, fresh_credentials_two_thirds_into_their_life) {
  hub_.connect(7, 1);
  unix_ = 1100;
  hub_.connect(8, 2);
  EXPECT_TRUE(tick_at(1399).empty());  // 7's refresh is due at 1000 + 400
  auto out = tick_at(1400);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, 7u);
  const json m = json::parse(out[0].text);
  EXPECT_EQ(m["type"], "ice_servers");
  EXPECT_EQ(m["iceServers"][1]["username"], "2000:id3");  // valid until 1400 + 600
  out = tick_at(1500);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, 8u);
  // Then every 400 s again, for as long as the client stays.
  out = tick_at(1800);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, 7u);
}

TEST_F(hub_turn_test, nobody_is_refreshed_after_leaving) {
  hub_.connect(7, 1);
  hub_.disconnect(7, t0_);
  EXPECT_TRUE(tick_at(5000).empty());
}

TEST(hub_static, no_refresh_without_turn) {
  hub h{pairing::config{1000ms}, kStun};
  h.connect(1, 1);
  EXPECT_TRUE(h.tick(pairing::clock::now() + 3600s).empty());
}

}  // namespace
}  // namespace novatalk::server
