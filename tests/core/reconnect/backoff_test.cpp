// Tests core/reconnect/backoff: growth, cap, full-jitter bounds with injected randomness, reset.
#include "core/reconnect/backoff.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using novatalk::reconnect::backoff;
using novatalk::reconnect::backoff_config;
using novatalk::reconnect::jittered;
using ms = std::chrono::milliseconds;

// The largest double below 1: what a [0, 1) random source can return at most.
constexpr double almost_one = 1.0 - std::numeric_limits<double>::epsilon() / 2;

TEST(Backoff, WindowGrowsByTheMultiplierUntilTheCap) {
  backoff b(backoff_config{ms{500}, ms{4000}, 2.0});
  // At the top of the random range the delay is the window's last millisecond.
  EXPECT_EQ(b.next_delay(almost_one), ms{499});
  EXPECT_EQ(b.next_delay(almost_one), ms{999});
  EXPECT_EQ(b.next_delay(almost_one), ms{1999});
  EXPECT_EQ(b.next_delay(almost_one), ms{3999});
  EXPECT_EQ(b.next_delay(almost_one), ms{3999});
  EXPECT_EQ(b.attempts(), 5u);
}

TEST(Backoff, FullJitterSpansTheWholeWindow) {
  // Uniform in [0, cap): 0 at the bottom, proportional inside, below the cap at the top.
  for (double r : {0.0, 0.25, 0.5, 0.999, almost_one}) {
    backoff b(backoff_config{ms{1000}, ms{10000}, 2.0});
    const ms first = b.next_delay(r);
    EXPECT_EQ(first, ms{static_cast<long long>(r * 1000)}) << r;
    EXPECT_LT(first, ms{1000}) << r;
    const ms second = b.next_delay(r);
    EXPECT_EQ(second, ms{static_cast<long long>(r * 2000)}) << r;
  }
  backoff low(backoff_config{ms{1000}, ms{10000}, 2.0});
  EXPECT_EQ(low.next_delay(0.0), ms{0});  // full jitter may retry at once
}

TEST(Backoff, EveryDelayIsInsideItsWindow) {
  // A sweep of the random input over many attempts: 0 <= delay < min(max, initial * 2^n).
  for (int step = 0; step <= 100; ++step) {
    const double r = step == 100 ? almost_one : step / 100.0;
    backoff b(backoff_config{ms{500}, ms{15000}, 2.0});
    long long cap = 500;
    for (int n = 0; n < 12; ++n) {
      const ms d = b.next_delay(r);
      EXPECT_GE(d.count(), 0);
      EXPECT_LT(d.count(), cap) << "attempt " << n << " r " << r;
      cap = std::min<long long>(cap * 2, 15000);
    }
  }
}

TEST(Backoff, ResetStartsOver) {
  backoff b;
  for (int i = 0; i < 10; ++i) b.next_delay(0.5);
  EXPECT_EQ(b.next_delay(almost_one), ms{14999});
  b.reset();
  EXPECT_EQ(b.attempts(), 0u);
  EXPECT_EQ(b.next_delay(almost_one), ms{499});
}

TEST(Backoff, NeverNegativeNeverAtMaxEvenForBadInput) {
  backoff b(backoff_config{ms{0}, ms{-5}, -1.0});  // repaired to a 1 ms window
  for (int i = 0; i < 200; ++i) EXPECT_EQ(b.next_delay(i % 2 ? -3.0 : 7.0), ms{0});
  backoff many;
  for (int i = 0; i < 1000; ++i) {
    const ms d = many.next_delay(i % 3 == 0 ? 1.0 : i % 3 == 1 ? 7.0 : std::nan(""));
    EXPECT_GE(d.count(), 0);
    EXPECT_LT(d, ms{15000});
  }
}

TEST(Jittered, UniformBelowTheWindow) {
  EXPECT_EQ(jittered(ms{3000}, 0.0), ms{0});
  EXPECT_EQ(jittered(ms{3000}, 0.5), ms{1500});
  EXPECT_EQ(jittered(ms{3000}, almost_one), ms{2999});
  EXPECT_EQ(jittered(ms{3000}, 1.0), ms{2999});  // out of range: still inside
  EXPECT_EQ(jittered(ms{3000}, -1.0), ms{0});
  EXPECT_EQ(jittered(ms{0}, 0.5), ms{0});
  EXPECT_EQ(jittered(ms{-10}, 0.5), ms{0});
}
