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
      json::parse(R"({"type":"welcome","online":3,"iceServers":[{"urls":"stun:example.org"}],)"
                  R"("features":["queued_offer"]})"));
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

  out = hub_.binary_message(1, t0_);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(parsed(out[0])["code"], "bad_message");
}

TEST_F(hub_test, report_ends_the_call_like_next_and_counts_distinct_reporters) {
  hub_.message(1, R"({"type":"join"})", t0_);
  hub_.message(2, R"({"type":"join"})", t0_);
  hub_.message(3, R"({"type":"join"})", t0_);  // waits
  auto out = hub_.message(1, R"({"type":"report","reason":"spam"})", t0_ + 1ms);
  // 2 hears `next` (not that it was reported), then 1 is paired with the waiting 3 at once.
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].to, 2u);
  EXPECT_EQ(parsed(out[0]), json::parse(R"({"type":"partner_left","reason":"next"})"));
  EXPECT_EQ(out[1].to, 3u);
  EXPECT_EQ(parsed(out[1])["type"], "matched");
  EXPECT_EQ(out[2].to, 1u);
  EXPECT_EQ(parsed(out[2])["type"], "matched");
  EXPECT_EQ(hub_.reports_against(2), 1u);
  EXPECT_EQ(hub_.reports_against(1), 0u);

  // 2 searches again and 3 leaves 1: 1 and 2 wait alone, never paired again.
  EXPECT_TRUE(hub_.message(2, R"({"type":"join"})", t0_ + 2ms).empty());
  out = hub_.message(3, R"({"type":"leave"})", t0_ + 3ms);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, 1u);
  EXPECT_TRUE(hub_.message(1, R"({"type":"join"})", t0_ + 4ms).empty());
  EXPECT_TRUE(hub_.tick(t0_ + 1h).empty());

  // 3 meets 2 and reports it too: 2 has two distinct reporters.
  EXPECT_EQ(hub_.message(3, R"({"type":"join"})", t0_ + 5ms).size(), 2u);
  hub_.message(3, R"({"type":"report","reason":"nudity"})", t0_ + 6ms);
  EXPECT_EQ(hub_.reports_against(2), 2u);
  hub_.disconnect(2, t0_ + 7ms);
  EXPECT_EQ(hub_.reports_against(2), 0u);  // the count died with the connection
}

TEST_F(hub_test, report_without_a_stranger_or_with_a_bad_reason_is_an_error_to_the_sender) {
  auto out = hub_.message(1, R"({"type":"report","reason":"spam"})", t0_);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, 1u);
  EXPECT_EQ(parsed(out[0])["code"], "not_matched");
  hub_.message(1, R"({"type":"join"})", t0_);
  hub_.message(2, R"({"type":"join"})", t0_);
  out = hub_.message(1, R"({"type":"report","reason":"rude"})", t0_);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, 1u);
  EXPECT_EQ(parsed(out[0])["code"], "bad_message");
  EXPECT_EQ(hub_.reports_against(2), 0u);
  // Still paired: the relay goes through.
  out = hub_.message(1, R"({"type":"webrtc_offer","sdp":"v=0"})", t0_);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, 2u);
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

namespace novatalk::server {
namespace {

using counts = std::vector<std::pair<std::string, std::uint64_t>>;

// Per-partner counts follow each connection's latest join and its disconnect; a bad id is the
// codec's bad_message and counts nowhere.
TEST_F(hub_test, partner_counts) {
  EXPECT_TRUE(hub_.partner_online().empty());
  hub_.message(1, R"({"type":"join","partner":"shop.example"})", t0_);
  hub_.message(2, R"({"type":"join","mode":"text","partner":"shop.example"})", t0_);
  hub_.message(3, R"({"type":"join","mode":"text","partner":"blog-b"})", t0_);
  hub_.message(4, R"({"type":"join"})", t0_);
  EXPECT_EQ(hub_.partner_online(), (counts{{"blog-b", 1}, {"shop.example", 2}}));

  hub_.message(1, R"({"type":"join","partner":"shop.example"})", t0_);  // same again: no change
  hub_.message(2, R"({"type":"join","partner":"blog-b"})", t0_);         // moved
  EXPECT_EQ(hub_.partner_online(), (counts{{"blog-b", 2}, {"shop.example", 1}}));
  hub_.message(3, R"({"type":"join"})", t0_);  // no partner any more
  EXPECT_EQ(hub_.partner_online(), (counts{{"blog-b", 1}, {"shop.example", 1}}));

  auto out = hub_.message(5, R"({"type":"join","partner":"Not Valid"})", t0_);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(parsed(out[0])["code"], "bad_message");
  hub_.disconnect(1, t0_);
  hub_.disconnect(2, t0_);
  hub_.disconnect(4, t0_);
  EXPECT_TRUE(hub_.partner_online().empty());  // entries go with their last connection
}

}  // namespace
}  // namespace novatalk::server

namespace novatalk::server {
namespace {

// Bans in the in-process pool, through the hub: clients connect with their (resolved) address.
class hub_ban_test : public ::testing::Test {
 protected:
  std::int64_t unix_now_ = 20000 * 86400 + 3600;  // some UTC day, 01:00
  hub hub_{pairing::config{1000ms}, ice_server_list("[]", {}, [] { return std::string(); }),
           [this] { return unix_now_; }, moderation::ban_config{3, 3600s, 1h}};
  pairing::time_point t_ = pairing::clock::now();

  std::vector<outbound> say(client_id id, const char* text) {
    t_ += 10ms;
    return hub_.message(id, text, t_);
  }
  static std::vector<json> frames_to(const std::vector<outbound>& out, client_id to) {
    std::vector<json> f;
    for (const auto& o : out)
      if (o.to == to) f.push_back(parsed(o));
    return f;
  }
  // `reporter` (alone in the queue with `target`) meets it, reports it and leaves.
  std::vector<outbound> meet_and_report(client_id reporter, client_id target) {
    say(target, R"({"type":"join"})");
    auto out = say(reporter, R"({"type":"join"})");
    EXPECT_EQ(hub_.pairing_pool().local_stranger(reporter), target);
    out = say(reporter, R"({"type":"report","reason":"harassment"})");
    auto gone = hub_.disconnect(reporter, t_);
    out.insert(out.end(), gone.begin(), gone.end());
    return out;
  }
};

TEST_F(hub_ban_test, three_distinct_addresses_ban_the_reported_one_and_it_hears_at_once) {
  hub_.connect(1, 1, "203.0.113.1");
  hub_.connect(2, 2, "198.51.100.2");
  hub_.connect(3, 3, "198.51.100.3");
  hub_.connect(4, 4, "198.51.100.4");
  EXPECT_TRUE(frames_to(meet_and_report(2, 1), 1).size() == 1);  // partner_left only
  EXPECT_TRUE(frames_to(meet_and_report(3, 1), 1).size() == 1);
  const auto out = meet_and_report(4, 1);
  const auto to_1 = frames_to(out, 1);
  ASSERT_EQ(to_1.size(), 2u);
  EXPECT_EQ(to_1[0]["type"], "error");
  EXPECT_EQ(to_1[0]["code"], "banned");
  EXPECT_EQ(to_1[0]["retry_after"], 3600);
  EXPECT_EQ(to_1[1], json::parse(R"({"type":"partner_left","reason":"next"})"));
  // Its join (the client searches again after partner_left) is refused, and it is not queued.
  const auto again = frames_to(say(1, R"({"type":"join"})"), 1);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0]["code"], "banned");
  EXPECT_LE(again[0]["retry_after"].get<int>(), 3600);
  EXPECT_GE(again[0]["retry_after"].get<int>(), 3599);
  // A new connection (a new tab) from the same address is refused too, and nobody meets it.
  hub_.connect(5, 1, "203.0.113.1");
  hub_.connect(6, 2, "192.0.2.6");
  EXPECT_TRUE(say(6, R"({"type":"join"})").empty());
  const auto tab = say(5, R"({"type":"join"})");
  ASSERT_EQ(tab.size(), 1u);
  EXPECT_EQ(parsed(tab[0])["code"], "banned");
  EXPECT_EQ(hub_.pairing_pool().local_stranger(6), 0u);
}

TEST_F(hub_ban_test, many_tabs_of_one_reporter_count_once) {
  hub_.connect(1, 1, "203.0.113.1");
  for (client_id tab = 2; tab <= 6; ++tab) {
    hub_.connect(tab, 2, "198.51.100.2");
    for (const auto& f : frames_to(meet_and_report(tab, 1), 1)) EXPECT_NE(f["type"], "error");
  }
  EXPECT_TRUE(frames_to(say(1, R"({"type":"join"})"), 1).empty());  // queued, not banned
}

TEST_F(hub_ban_test, the_ban_ends_after_its_time_and_survives_midnight) {
  unix_now_ = 20000 * 86400 + 86400 - 60;  // 23:59
  hub_.connect(1, 1, "203.0.113.1");
  for (client_id r = 2; r <= 4; ++r) {
    hub_.connect(r, 2, "198.51.100." + std::to_string(r));
    meet_and_report(r, 1);
  }
  unix_now_ += 120;  // 00:01: a new day key
  t_ += 2min;
  auto out = frames_to(say(1, R"({"type":"join"})"), 1);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]["code"], "banned");
  EXPECT_LE(out[0]["retry_after"].get<int>(), 3600 - 120);
  t_ += 3600s;
  EXPECT_TRUE(frames_to(say(1, R"({"type":"join"})"), 1).empty());  // queued again
}

TEST_F(hub_ban_test, a_reporter_at_the_banned_address_is_banned_too_and_not_queued) {
  hub_.connect(1, 1, "203.0.113.1");
  hub_.connect(2, 2, "198.51.100.2");
  hub_.connect(3, 3, "198.51.100.3");
  meet_and_report(2, 1);
  meet_and_report(3, 1);
  // Another tab behind the same address (or a carrier NAT) reports the third time.
  hub_.connect(4, 4, "203.0.113.1");
  say(1, R"({"type":"join"})");
  say(4, R"({"type":"join"})");
  const auto out = say(4, R"({"type":"report","reason":"spam"})");
  EXPECT_EQ(frames_to(out, 4).at(0)["code"], "banned");
  EXPECT_EQ(frames_to(out, 1).at(0)["code"], "banned");
  hub_.connect(5, 5, "192.0.2.5");
  EXPECT_TRUE(say(5, R"({"type":"join"})").empty());  // nobody banned is waiting for it
}

TEST_F(hub_ban_test, unknown_addresses_are_never_banned) {
  // No address (a test client, or bans off): reports are counted per connection only.
  hub_.connect(1, 1);
  for (client_id r = 2; r <= 5; ++r) {
    hub_.connect(r, 2, "198.51.100." + std::to_string(r));
    for (const auto& f : frames_to(meet_and_report(r, 1), 1)) EXPECT_NE(f["type"], "error");
  }
}

TEST(hub_bans_off, zero_reports_never_ban) {
  hub h{pairing::config{1000ms}, ice_server_list("[]", {}, [] { return std::string(); }),
        [] { return std::int64_t{1'800'000'000}; }, moderation::ban_config{0, 3600s, 1h}};
  auto t = pairing::clock::now();
  h.connect(1, 1, "203.0.113.1");
  for (client_id r = 2; r <= 6; ++r) {
    h.connect(r, 2, "198.51.100." + std::to_string(r));
    h.message(1, R"({"type":"join"})", t += 1ms);
    h.message(r, R"({"type":"join"})", t += 1ms);
    for (const auto& o : h.message(r, R"({"type":"report","reason":"spam"})", t += 1ms))
      EXPECT_EQ(o.text.find("banned"), std::string::npos) << o.text;
    h.disconnect(r, t);
  }
  for (const auto& o : h.message(1, R"({"type":"join"})", t += 1ms))
    EXPECT_EQ(o.text.find("banned"), std::string::npos) << o.text;
}

}  // namespace
}  // namespace novatalk::server
