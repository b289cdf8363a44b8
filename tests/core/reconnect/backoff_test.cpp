// Tests core/reconnect/backoff: growth, cap, jitter bounds, reset.
#include "core/reconnect/backoff.hpp"

#include <gtest/gtest.h>

using novatalk::reconnect::backoff;
using novatalk::reconnect::backoff_config;
using ms = std::chrono::milliseconds;

TEST(Backoff, GrowsByTheMultiplierUntilTheCap) {
  backoff b(backoff_config{ms{500}, ms{4000}, 2.0});
  // With unit_random = 1 the delay is the cap itself.
  EXPECT_EQ(b.next_delay(1.0), ms{500});
  EXPECT_EQ(b.next_delay(1.0), ms{1000});
  EXPECT_EQ(b.next_delay(1.0), ms{2000});
  EXPECT_EQ(b.next_delay(1.0), ms{4000});
  EXPECT_EQ(b.next_delay(1.0), ms{4000});
  EXPECT_EQ(b.attempts(), 5u);
}

TEST(Backoff, JitterSpansTheUpperHalfOfTheWindow) {
  backoff low(backoff_config{ms{1000}, ms{10000}, 2.0});
  backoff high(backoff_config{ms{1000}, ms{10000}, 2.0});
  EXPECT_EQ(low.next_delay(0.0), ms{500});
  EXPECT_EQ(high.next_delay(0.999), ms{999});
  EXPECT_EQ(low.next_delay(0.5), ms{1500});
}

TEST(Backoff, ResetStartsOver) {
  backoff b;
  for (int i = 0; i < 10; ++i) b.next_delay(0.5);
  EXPECT_EQ(b.next_delay(1.0), ms{15000});
  b.reset();
  EXPECT_EQ(b.attempts(), 0u);
  EXPECT_EQ(b.next_delay(1.0), ms{500});
}

TEST(Backoff, NeverZeroNeverAboveMaxEvenForBadInput) {
  backoff b(backoff_config{ms{0}, ms{-5}, -1.0});
  for (int i = 0; i < 200; ++i) {
    auto d = b.next_delay(i % 2 ? -3.0 : 7.0);
    EXPECT_GE(d.count(), 0);
    EXPECT_LE(d.count(), 1);
  }
  backoff many;
  for (int i = 0; i < 1000; ++i) EXPECT_LE(many.next_delay(1.0), ms{15000});
}
