// Tests of core/limits/token_bucket: the burst, the refill rate, "0 is off", and the waits it
// reports, all on an injected clock.
#include "core/limits/token_bucket.hpp"

#include <gtest/gtest.h>

namespace novatalk::limits {
namespace {

using namespace std::chrono_literals;

const time_point t0 = time_point() + 1000s;

int takes(token_bucket& b, time_point now, int tries) {
  int ok = 0;
  for (int i = 0; i < tries; ++i) ok += b.take(now) ? 1 : 0;
  return ok;
}

TEST(token_bucket, full_at_first_then_the_burst_then_nothing) {
  token_bucket b(40, 10);
  EXPECT_TRUE(b.full(t0));
  EXPECT_EQ(takes(b, t0, 100), 40);
  EXPECT_FALSE(b.full(t0));
  EXPECT_FALSE(b.take(t0));
}

TEST(token_bucket, refills_at_the_rate) {
  token_bucket b(40, 10);
  EXPECT_EQ(takes(b, t0, 40), 40);
  EXPECT_FALSE(b.take(t0 + 99ms));
  EXPECT_TRUE(b.take(t0 + 100ms));  // one token per 100 ms
  EXPECT_FALSE(b.take(t0 + 100ms));
  EXPECT_EQ(takes(b, t0 + 1100ms, 100), 10);  // a second later: ten more
  // Steady sending at the rate goes on for ever.
  for (int i = 1; i <= 1000; ++i) EXPECT_TRUE(b.take(t0 + 1100ms + i * 100ms)) << i;
}

TEST(token_bucket, refill_stops_at_the_burst) {
  token_bucket b(5, 1);
  EXPECT_EQ(takes(b, t0, 5), 5);
  EXPECT_FALSE(b.full(t0 + 4s));
  EXPECT_TRUE(b.full(t0 + 5s));
  EXPECT_EQ(takes(b, t0 + 1h, 100), 5);  // an hour of silence saves no more than the burst
}

TEST(token_bucket, wait_says_when_the_next_token_is_there) {
  token_bucket b(2, 4);  // 250 ms a token
  EXPECT_EQ(b.wait(t0), 0ns);
  EXPECT_EQ(takes(b, t0, 2), 2);
  EXPECT_EQ(b.wait(t0), 250ms);
  EXPECT_EQ(b.wait(t0 + 100ms), 150ms);
  EXPECT_EQ(b.wait(t0 + 250ms), 0ns);
  EXPECT_TRUE(b.take(t0 + 250ms));
  EXPECT_EQ(b.wait(t0 + 250ms), 250ms);
}

TEST(token_bucket, one_per_interval) {
  auto b = token_bucket::one_per(1000ms);
  EXPECT_TRUE(b.take(t0));
  EXPECT_FALSE(b.take(t0 + 999ms));
  EXPECT_EQ(b.wait(t0 + 999ms), 1ms);
  EXPECT_TRUE(b.take(t0 + 1000ms));
  EXPECT_FALSE(b.take(t0 + 1500ms));
  EXPECT_TRUE(b.take(t0 + 5000ms));
  EXPECT_FALSE(b.take(t0 + 5000ms));  // no credit saved from the quiet seconds
}

TEST(token_bucket, zero_is_off) {
  for (auto b :
       {token_bucket(), token_bucket(0, 10), token_bucket(40, 0), token_bucket::one_per(0ms)}) {
    EXPECT_TRUE(b.off());
    EXPECT_EQ(takes(b, t0, 100000), 100000);
    EXPECT_TRUE(b.full(t0));
    EXPECT_EQ(b.wait(t0), 0ns);
  }
  EXPECT_FALSE(token_bucket(1, 1).off());
}

TEST(token_bucket, refused_events_take_nothing) {
  token_bucket b(1, 1);
  EXPECT_TRUE(b.take(t0));
  for (int i = 0; i < 1000; ++i) EXPECT_FALSE(b.take(t0 + 500ms));
  EXPECT_TRUE(b.take(t0 + 1s));  // the refused ones did not push the refill later
}

TEST(token_bucket, extreme_settings_do_not_overflow) {
  token_bucket fast(0xffffffffu, 0xffffffffu);
  EXPECT_EQ(takes(fast, t0, 1000), 1000);
  token_bucket slow(0xffffffffu, 1);
  EXPECT_EQ(takes(slow, t0, 1000), 1000);
  auto rare = token_bucket::one_per(std::chrono::hours(24 * 365));
  EXPECT_TRUE(rare.take(t0));
  EXPECT_FALSE(rare.take(t0 + std::chrono::hours(24)));
}

}  // namespace
}  // namespace novatalk::limits
