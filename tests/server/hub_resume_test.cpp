// Tests of session resume in server/hub (hub_resume.cpp) without sockets, with both clocks
// injected: a dropped client is waited for, what its stranger sends is held and delivered after
// `resumed`; only the end of the grace tells the stranger; tokens are single use, expire, and a
// fresh hub with the same key (a restarted process) restores a pairing from the two tokens.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "server/hub.hpp"

namespace novatalk::server {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;

json parsed(const outbound& o) { return json::parse(o.text, nullptr, false); }

std::vector<std::string> types(const std::vector<outbound>& out, client_id to) {
  std::vector<std::string> t;
  for (const auto& o : out)
    if (o.to == to) t.push_back(parsed(o)["type"].get<std::string>());
  return t;
}

std::string resume_msg(const std::string& token) {
  return json{{"type", "resume"}, {"token", token}}.dump();
}

class hub_resume_test : public ::testing::Test {
 protected:
  std::int64_t unix_ = 1'000'000;
  pairing::time_point t_ = pairing::clock::now();

  std::unique_ptr<hub> make_hub(std::size_t held_max = 4096) {
    auto h = std::make_unique<hub>(pairing::config{1000ms},
                                   ice_server_list("[]", {}, [] { return std::string(); }),
                                   [this] { return unix_; });
    resume_settings s;
    s.key = std::string(32, 'k');
    s.ttl = 60s;
    s.grace = 20s;
    s.held_bytes_max = held_max;
    h->enable_resume(s);
    return h;
  }

  // a and b connect and are paired (a initiates); their tokens.
  std::pair<std::string, std::string> pair(hub& h, client_id a, client_id b) {
    h.connect(a, 1);
    h.connect(b, 2);
    EXPECT_TRUE(h.message(a, R"({"type":"join","interests":["music"]})", t_).empty());
    auto out = h.message(b, R"({"type":"join","interests":["music"]})", t_);
    EXPECT_EQ(out.size(), 2u);
    if (out.size() != 2) return {};
    return {parsed(out[0])["resume"].get<std::string>(),
            parsed(out[1])["resume"].get<std::string>()};
  }

  std::unique_ptr<hub> hub_ = make_hub();
};

TEST_F(hub_resume_test, matched_carries_a_token_per_side) {
  auto [ta, tb] = pair(*hub_, 1, 2);
  EXPECT_FALSE(ta.empty());
  EXPECT_FALSE(tb.empty());
  EXPECT_NE(ta, tb);
}

TEST_F(hub_resume_test, blip_keeps_the_pairing_and_delivers_what_was_held) {
  auto [ta, tb] = pair(*hub_, 1, 2);
  EXPECT_TRUE(hub_->disconnect(1, t_ + 1s, true).empty());  // 2 is told nothing
  EXPECT_EQ(hub_->resumes().away_count(), 1u);
  // What 2 sends meanwhile is held for 1.
  EXPECT_TRUE(hub_->message(2, R"({"type":"webrtc_answer","sdp":"v=0"})", t_ + 2s).empty());
  EXPECT_TRUE(hub_->tick(t_ + 19s).empty());  // within the grace: nothing

  hub_->connect(3, 2);
  auto out = hub_->message(3, resume_msg(ta), t_ + 19500ms);
  ASSERT_EQ(types(out, 3), (std::vector<std::string>{"resumed", "resume_token", "webrtc_answer"}));
  EXPECT_TRUE(types(out, 2).empty());
  EXPECT_EQ(hub_->resumes().away_count(), 0u);
  // The pairing is 3's now: relays and `next` go both ways, and the grace is over for good.
  out = hub_->message(3, R"({"type":"webrtc_offer","sdp":"v=0"})", t_ + 20s);
  EXPECT_EQ(types(out, 2), std::vector<std::string>{"webrtc_offer"});
  EXPECT_TRUE(hub_->tick(t_ + 60s).empty());
  out = hub_->message(2, R"({"type":"next"})", t_ + 61s);
  ASSERT_EQ(types(out, 3), std::vector<std::string>{"partner_left"});
  EXPECT_EQ(parsed(out[0])["reason"], "next");
}

TEST_F(hub_resume_test, stranger_hears_disconnect_only_when_the_grace_ends) {
  pair(*hub_, 1, 2);
  EXPECT_TRUE(hub_->disconnect(1, t_, true).empty());
  EXPECT_TRUE(hub_->tick(t_ + 19999ms).empty());
  auto out = hub_->tick(t_ + 20s);
  ASSERT_EQ(types(out, 2), std::vector<std::string>{"partner_left"});
  EXPECT_EQ(parsed(out[0])["reason"], "disconnect");
  EXPECT_EQ(hub_->resumes().away_count(), 0u);
  EXPECT_EQ(hub_->resumes().pairing_count(), 0u);
}

TEST_F(hub_resume_test, refused_tokens) {
  auto [ta, tb] = pair(*hub_, 1, 2);
  hub_->disconnect(1, t_, true);
  auto refused = [&](client_id id, const std::string& text) {
    hub_->connect(id, 3);
    auto out = hub_->message(id, text, t_ + 1s);
    return out.size() == 1 && parsed(out[0])["type"] == "error" &&
           parsed(out[0])["code"] == "resume_failed";
  };
  std::string tampered = ta;
  tampered[3] = tampered[3] == 'A' ? 'B' : 'A';
  EXPECT_TRUE(refused(10, resume_msg(tampered)));
  EXPECT_TRUE(refused(11, resume_msg("not-a-token")));
  // Not as the first message of a connection.
  hub_->connect(12, 3);
  EXPECT_FALSE(hub_->message(12, R"({"type":"leave"})", t_ + 1s).size() > 0);
  auto late = hub_->message(12, resume_msg(ta), t_ + 1s);
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(parsed(late[0])["code"], "resume_failed");
  // Good once, then spent.
  hub_->connect(13, 3);
  EXPECT_EQ(types(hub_->message(13, resume_msg(ta), t_ + 1s), 13)[0], "resumed");
  EXPECT_TRUE(refused(14, resume_msg(ta)));
  // Expired: the clock passes the token's lifetime.
  unix_ += 60;
  EXPECT_TRUE(refused(15, resume_msg(tb)));
  // None of this reached the stranger, and the failures left the refused connections idle.
  EXPECT_TRUE(types(hub_->message(14, R"({"type":"join"})", t_ + 2s), 2).empty());
}

TEST_F(hub_resume_test, a_pairing_over_is_not_restored) {
  auto [ta, tb] = pair(*hub_, 1, 2);
  hub_->disconnect(1, t_, true);
  hub_->tick(t_ + 21s);  // grace over: 2 was told, the pairing ended
  hub_->connect(3, 1);
  auto out = hub_->message(3, resume_msg(ta), t_ + 22s);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(parsed(out[0])["code"], "resume_failed");
}

TEST_F(hub_resume_test, stranger_who_moved_on_is_held_as_partner_left) {
  auto [ta, tb] = pair(*hub_, 1, 2);
  hub_->disconnect(1, t_, true);
  EXPECT_TRUE(types(hub_->message(2, R"({"type":"next"})", t_ + 1s), 1).empty());
  hub_->connect(3, 2);
  auto out = hub_->message(3, resume_msg(ta), t_ + 2s);
  // No fresh token: there is no pairing left to resume.
  ASSERT_EQ(types(out, 3), (std::vector<std::string>{"resumed", "partner_left"}));
  EXPECT_EQ(parsed(out[1])["reason"], "next");
  // 3 is an ordinary idle client that joined before: `next` searches again (and finds 2).
  out = hub_->message(3, R"({"type":"next"})", t_ + 3s);
  EXPECT_EQ(types(out, 3), std::vector<std::string>{"matched"});
}

TEST_F(hub_resume_test, held_frames_past_the_bound_end_the_grace) {
  hub_ = make_hub(/*held_max=*/100);
  pair(*hub_, 1, 2);
  hub_->disconnect(1, t_, true);
  const std::string big = R"({"type":"webrtc_offer","sdp":")" + std::string(200, 'x') + "\"}";
  hub_->message(2, big, t_ + 1s);
  auto out = hub_->tick(t_ + 2s);  // long before the grace ends
  ASSERT_EQ(types(out, 2), std::vector<std::string>{"partner_left"});
}

TEST_F(hub_resume_test, tokens_are_refreshed_at_two_thirds_of_their_life) {
  pair(*hub_, 1, 2);
  unix_ += 39;
  EXPECT_TRUE(hub_->tick(t_ + 39s).empty());
  unix_ += 1;
  auto out = hub_->tick(t_ + 40s);
  EXPECT_EQ(types(out, 1), std::vector<std::string>{"resume_token"});
  EXPECT_EQ(types(out, 2), std::vector<std::string>{"resume_token"});
  // The refreshed token works (the one from matched would have expired by now).
  const std::string fresh = parsed(out[0])["token"];
  unix_ += 50;
  hub_->disconnect(out[0].to, t_ + 90s, true);
  hub_->connect(9, 2);
  EXPECT_EQ(types(hub_->message(9, resume_msg(fresh), t_ + 91s), 9)[0], "resumed");
}

TEST_F(hub_resume_test, restart_restores_the_pairing_from_both_tokens) {
  auto [ta, tb] = pair(*hub_, 1, 2);
  hub_ = make_hub();  // a new process, the same key: connection ids start again
  hub_->connect(1, 1);
  auto out = hub_->message(1, resume_msg(tb), t_ + 5s);  // the old responder comes back first
  EXPECT_EQ(types(out, 1), (std::vector<std::string>{"resumed", "resume_token"}));
  // Its candidates wait for the stranger, who is expected within the grace.
  EXPECT_TRUE(hub_->message(1, R"({"type":"webrtc_ice_candidate","candidate":null})", t_ + 6s)
                  .empty());
  hub_->connect(2, 2);
  out = hub_->message(2, resume_msg(ta), t_ + 7s);
  EXPECT_EQ(types(out, 2),
            (std::vector<std::string>{"resumed", "resume_token", "webrtc_ice_candidate"}));
  // Still each other's stranger: `next` from one reaches the other; its interests came along.
  hub_->connect(3, 3);
  hub_->message(3, R"({"type":"join","interests":["music"]})", t_ + 8s);
  out = hub_->message(2, R"({"type":"next"})", t_ + 9s);
  EXPECT_EQ(types(out, 1), std::vector<std::string>{"partner_left"});
  EXPECT_EQ(types(out, 2), std::vector<std::string>{"matched"});
  EXPECT_EQ(parsed(out[1])["common"], json::parse(R"(["music"])"));
}

TEST_F(hub_resume_test, restart_with_one_coming_back_ends_after_the_grace) {
  auto [ta, tb] = pair(*hub_, 1, 2);
  hub_ = make_hub();
  hub_->connect(1, 1);
  hub_->message(1, resume_msg(ta), t_);
  EXPECT_TRUE(hub_->tick(t_ + 19s).empty());
  auto out = hub_->tick(t_ + 20s);
  ASSERT_EQ(types(out, 1), std::vector<std::string>{"partner_left"});
  EXPECT_EQ(parsed(out[0])["reason"], "disconnect");
}

TEST_F(hub_resume_test, a_searching_client_that_drops_is_gone_at_once) {
  auto [ta, tb] = pair(*hub_, 1, 2);
  hub_->message(1, R"({"type":"next"})", t_);  // 1 searches, 2 was told
  hub_->disconnect(1, t_ + 1s, true);
  EXPECT_EQ(hub_->resumes().away_count(), 0u);
  hub_->connect(3, 1);
  auto out = hub_->message(3, resume_msg(ta), t_ + 2s);
  EXPECT_EQ(parsed(out[0])["code"], "resume_failed");
}

TEST_F(hub_resume_test, a_close_frame_from_the_client_ends_the_call_at_once) {
  pair(*hub_, 1, 2);
  auto out = hub_->disconnect(1, t_, /*lost=*/false);
  EXPECT_EQ(types(out, 2), std::vector<std::string>{"partner_left"});
  EXPECT_EQ(hub_->resumes().away_count(), 0u);
}

TEST_F(hub_resume_test, off_without_a_key) {
  hub h(pairing::config{1000ms}, R"([])");
  h.message(1, R"({"type":"join"})", t_);
  auto out = h.message(2, R"({"type":"join"})", t_);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_FALSE(parsed(out[0]).contains("resume"));
  // The drop is a plain disconnect.
  out = h.disconnect(1, t_, /*lost=*/true);
  EXPECT_EQ(types(out, 2), std::vector<std::string>{"partner_left"});
}

}  // namespace
}  // namespace novatalk::server
