// Tests of server/message_limits and of the hub's answers to them, without sockets: the burst,
// the rate, one skip per interval, the close rule, and that 0 turns each limit off.
#include "server/message_limits.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/hub.hpp"

namespace novatalk::server {
namespace {

using namespace std::chrono_literals;
using verdict = message_limits::verdict;
using json = nlohmann::json;

const pairing::time_point t0 = pairing::time_point() + 1000s;

// Frames at one instant: how many of each verdict.
std::map<verdict, int> flood(message_limits& l, pairing::client_id id, pairing::time_point now,
                             int frames) {
  std::map<verdict, int> out;
  for (int i = 0; i < frames; ++i) ++out[l.frame(id, now)];
  return out;
}

TEST(message_limits, burst_then_refused_then_closed_after_another_burst) {
  message_limits l({40, 10, 1000ms});
  auto v = flood(l, 1, t0, 100);
  EXPECT_EQ(v[verdict::pass], 40);
  EXPECT_EQ(v[verdict::refuse], 39);
  EXPECT_EQ(v[verdict::close], 1);  // the 40th refused frame
  EXPECT_EQ(v[verdict::closed], 20);
  // Once closing, nothing passes any more, even after a long pause.
  EXPECT_EQ(l.frame(1, t0 + 1h), verdict::closed);
  // Others are not affected.
  EXPECT_EQ(l.frame(2, t0), verdict::pass);
}

TEST(message_limits, a_client_that_stops_when_told_is_forgiven) {
  message_limits l({40, 10, 1000ms});
  auto v = flood(l, 1, t0, 79);  // 39 refused: one short of the close
  EXPECT_EQ(v[verdict::refuse], 39);
  // It stops until the bucket is full again (40 tokens at 10/s): the strikes are forgotten.
  v = flood(l, 1, t0 + 4s, 79);
  EXPECT_EQ(v[verdict::pass], 40);
  EXPECT_EQ(v[verdict::refuse], 39);
  EXPECT_EQ(v[verdict::close], 0);
}

TEST(message_limits, steady_sending_over_the_rate_is_closed) {
  message_limits l({40, 10, 1000ms});
  // 20 frames a second: after the burst, every other one is refused.
  int refused = 0;
  verdict last = verdict::pass;
  for (int i = 0; i < 1000 && last != verdict::close; ++i) {
    last = l.frame(1, t0 + i * 50ms);
    refused += last == verdict::refuse ? 1 : 0;
  }
  EXPECT_EQ(last, verdict::close);
  EXPECT_EQ(refused, 39);
}

TEST(message_limits, sending_at_the_rate_is_never_limited) {
  message_limits l({40, 10, 1000ms});
  for (int i = 0; i < 10000; ++i) ASSERT_EQ(l.frame(1, t0 + i * 100ms), verdict::pass) << i;
}

TEST(message_limits, one_skip_per_interval) {
  message_limits l({40, 10, 1000ms});
  EXPECT_EQ(l.skip(1, t0), verdict::pass);
  EXPECT_EQ(l.skip(1, t0 + 999ms), verdict::refuse);
  EXPECT_EQ(l.skip(1, t0 + 1000ms), verdict::pass);
  EXPECT_EQ(l.skip(2, t0 + 1000ms), verdict::pass);  // per connection
}

TEST(message_limits, zero_turns_each_limit_off) {
  message_limits off;  // the default: everything off
  EXPECT_EQ(flood(off, 1, t0, 10000)[verdict::pass], 10000);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(off.skip(1, t0), verdict::pass);

  message_limits no_messages({0, 10, 1000ms});  // burst 0: no message limit; skips still
  EXPECT_EQ(flood(no_messages, 1, t0, 10000)[verdict::pass], 10000);
  EXPECT_EQ(no_messages.skip(1, t0), verdict::pass);
  EXPECT_EQ(no_messages.skip(1, t0), verdict::refuse);

  message_limits no_rate({40, 0, 0ms});
  EXPECT_EQ(flood(no_rate, 1, t0, 10000)[verdict::pass], 10000);
  EXPECT_EQ(no_rate.skip(1, t0), verdict::pass);
  EXPECT_EQ(no_rate.skip(1, t0), verdict::pass);
}

TEST(message_limits, forget_drops_the_state) {
  message_limits l({40, 10, 1000ms});
  flood(l, 1, t0, 5);
  flood(l, 2, t0, 5);
  EXPECT_EQ(l.size(), 2u);
  l.forget(1);
  l.forget(2);
  EXPECT_EQ(l.size(), 0u);
}

// The hub's side: refused frames are answered `rate_limited` and never reach the pairing; the
// close comes with the last answer; a frame after it gets nothing.
class hub_limits_test : public ::testing::Test {
 protected:
  hub_limits_test() { hub_.use_limits({4, 1, 1000ms}); }
  static json parsed(const outbound& o) { return json::parse(o.text, nullptr, false); }
  hub hub_{pairing::config{1000ms}, R"([])"};
};

TEST_F(hub_limits_test, over_the_burst_rate_limited_then_1008) {
  for (int i = 0; i < 4; ++i) {
    auto out = hub_.message(1, R"({"type":"probe"})", t0);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(parsed(out[0])["code"], "bad_message");
  }
  for (int i = 0; i < 3; ++i) {
    auto out = hub_.message(1, R"({"type":"join"})", t0);  // dropped: no join happens
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].to, 1u);
    EXPECT_EQ(parsed(out[0])["type"], "error");
    EXPECT_EQ(parsed(out[0])["code"], "rate_limited");
    EXPECT_EQ(out[0].close_code, 0);
  }
  auto out = hub_.binary_message(1, t0);  // binary frames count too
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(parsed(out[0])["code"], "rate_limited");
  EXPECT_EQ(out[0].close_code, 1008);
  EXPECT_TRUE(hub_.message(1, R"({"type":"join"})", t0 + 1h).empty());
  // None of the refused joins reached the pool: a newcomer waits alone.
  EXPECT_TRUE(hub_.message(2, R"({"type":"join"})", t0).empty());
  EXPECT_FALSE(hub_.pairing_pool().has_stranger(2));
}

TEST_F(hub_limits_test, next_and_report_share_one_interval) {
  hub_.message(1, R"({"type":"join"})", t0);
  hub_.message(2, R"({"type":"join"})", t0);
  ASSERT_TRUE(hub_.pairing_pool().has_stranger(1));
  auto out = hub_.message(1, R"({"type":"next"})", t0 + 1s);
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(parsed(out[0])["type"], "partner_left");
  hub_.message(2, R"({"type":"join"})", t0 + 1s);  // matched with 1 again (nobody else)
  ASSERT_TRUE(hub_.pairing_pool().has_stranger(1));
  out = hub_.message(1, R"({"type":"report","reason":"spam"})", t0 + 1500ms);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].to, 1u);
  EXPECT_EQ(parsed(out[0])["code"], "rate_limited");
  EXPECT_TRUE(hub_.pairing_pool().has_stranger(1));  // the report was dropped
  EXPECT_EQ(hub_.reports_against(2), 0u);
  out = hub_.message(1, R"({"type":"report","reason":"spam"})", t0 + 2500ms);
  EXPECT_EQ(hub_.reports_against(2), 1u);
}

}  // namespace
}  // namespace novatalk::server
