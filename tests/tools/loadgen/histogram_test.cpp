// The latency histogram: exact below 128 ns, within its bucket width above, never reading
// better than the samples, and merging as if one histogram had seen everything.
#include "tools/loadgen/histogram.hpp"

#include <gtest/gtest.h>

namespace novatalk::loadgen {
namespace {

TEST(histogram, empty_reads_zero) {
  histogram h;
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.percentile(0.99), 0u);
}

TEST(histogram, small_values_are_exact) {
  histogram h;
  for (std::uint64_t v = 1; v <= 100; ++v) h.record(v);
  EXPECT_EQ(h.percentile(0.5), 50u);
  EXPECT_EQ(h.percentile(0.99), 99u);
  EXPECT_EQ(h.percentile(1.0), 100u);
  EXPECT_EQ(h.max(), 100u);
}

TEST(histogram, large_values_within_two_percent_and_never_lower) {
  histogram h;
  for (std::uint64_t i = 1; i <= 1000; ++i) h.record(i * 1000);  // 1 us .. 1 ms
  for (double f : {0.5, 0.9, 0.99, 0.999}) {
    const double exact = f * 1000 * 1000;
    const auto got = static_cast<double>(h.percentile(f));
    EXPECT_GE(got, exact) << f;
    EXPECT_LE(got, exact * 1.02) << f;
  }
}

TEST(histogram, one_outlier_shows_at_the_top_only) {
  histogram h;
  for (int i = 0; i < 999; ++i) h.record(200'000);
  h.record(50'000'000);
  EXPECT_LT(h.percentile(0.99), 210'000u);
  EXPECT_EQ(h.percentile(1.0), 50'000'000u);
}

TEST(histogram, merge_adds_counts) {
  histogram a, b;
  for (int i = 0; i < 10; ++i) a.record(1000);
  for (int i = 0; i < 30; ++i) b.record(9000);
  a.merge(b);
  EXPECT_EQ(a.count(), 40u);
  EXPECT_EQ(a.max(), 9000u);
  EXPECT_LT(a.percentile(0.25), 1100u);
  EXPECT_GE(a.percentile(0.5), 9000u);
}

}  // namespace
}  // namespace novatalk::loadgen
