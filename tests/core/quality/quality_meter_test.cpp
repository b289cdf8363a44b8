// Tests of core/quality/quality_meter: each threshold at its boundary, loss from cumulative
// counters (window, resets, missing values), the anti-flicker rules and text-only calls.
#include "core/quality/quality_meter.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <vector>

namespace novatalk::quality {
namespace {

constexpr double unknown = -1;
constexpr auto good = quality_level::good;
constexpr auto weak = quality_level::weak;
constexpr auto bad = quality_level::bad;

TEST(QualityLevel, Names) {
  EXPECT_STREQ(to_string(quality_level::unknown), "unknown");
  EXPECT_STREQ(to_string(good), "good");
  EXPECT_STREQ(to_string(weak), "weak");
  EXPECT_STREQ(to_string(bad), "bad");
  std::ostringstream os;
  os << weak;
  EXPECT_EQ(os.str(), "weak");
}

TEST(Classify, RoundTripTimeThresholds) {
  EXPECT_EQ(classify(0, unknown, unknown), good);
  EXPECT_EQ(classify(249.9, unknown, unknown), good);
  EXPECT_EQ(classify(250, unknown, unknown), weak);
  EXPECT_EQ(classify(499.9, unknown, unknown), weak);
  EXPECT_EQ(classify(500, unknown, unknown), bad);
  EXPECT_EQ(classify(std::numeric_limits<double>::infinity(), unknown, unknown), bad);
}

TEST(Classify, LossThresholds) {
  EXPECT_EQ(classify(unknown, 0, unknown), good);
  EXPECT_EQ(classify(unknown, 1.99, unknown), good);
  EXPECT_EQ(classify(unknown, 2, unknown), weak);
  EXPECT_EQ(classify(unknown, 7.99, unknown), weak);
  EXPECT_EQ(classify(unknown, 8, unknown), bad);
  EXPECT_EQ(classify(unknown, 100, unknown), bad);
}

TEST(Classify, BitrateThresholds) {
  EXPECT_EQ(classify(unknown, unknown, 5e6), good);
  EXPECT_EQ(classify(unknown, unknown, 300000), good);
  EXPECT_EQ(classify(unknown, unknown, 299999), weak);
  EXPECT_EQ(classify(unknown, unknown, 100000), weak);
  EXPECT_EQ(classify(unknown, unknown, 99999), bad);
  EXPECT_EQ(classify(unknown, unknown, 0), bad);
}

TEST(Classify, TheWorstKnownMeasureWins) {
  EXPECT_EQ(classify(100, 1, 1e6), good);
  EXPECT_EQ(classify(100, 1, unknown), good);  // bitrate unknown: good on the rest
  EXPECT_EQ(classify(100, 3, 1e6), weak);
  EXPECT_EQ(classify(300, 1, 1e6), weak);
  EXPECT_EQ(classify(100, 1, 200000), weak);
  EXPECT_EQ(classify(100, 9, 1e6), bad);
  EXPECT_EQ(classify(600, 0, 1e6), bad);
  EXPECT_EQ(classify(100, 0, 50000), bad);
  EXPECT_EQ(classify(300, 9, 200000), bad);
}

TEST(Classify, NothingKnownIsUnknown) {
  EXPECT_EQ(classify(unknown, unknown, unknown), quality_level::unknown);
  const double nan = std::nan("");
  EXPECT_EQ(classify(nan, nan, nan), quality_level::unknown);
  EXPECT_EQ(classify(nan, unknown, 1e6), good);
}

// --- The meter ---------------------------------------------------------------------------------

quality_sample sample(double rtt, double received, double lost, double bitrate = 1e6) {
  return {rtt, received, lost, bitrate};
}

TEST(QualityMeter, StartsUnknownAndShowsTheFirstReadingAtOnce) {
  quality_meter m;
  EXPECT_EQ(m.level(), quality_level::unknown);
  EXPECT_EQ(m.loss_pct(), -1);
  EXPECT_EQ(m.add(sample(600, unknown, unknown)), bad);
  quality_meter n;
  EXPECT_EQ(n.add(sample(50, unknown, unknown)), good);
  EXPECT_EQ(n.rtt_ms(), 50);
  EXPECT_EQ(n.bitrate_bps(), 1e6);
}

TEST(QualityMeter, LossComesFromCumulativeCounters) {
  quality_meter m;
  m.add(sample(50, 0, 0));
  EXPECT_EQ(m.loss_pct(), -1);  // one reading: no interval yet
  m.add(sample(50, 95, 5));
  EXPECT_DOUBLE_EQ(m.loss_pct(), 5.0);
  m.add(sample(50, 195, 5));
  EXPECT_DOUBLE_EQ(m.loss_pct(), 2.5);
}

TEST(QualityMeter, LossCoversOnlyTheLastFewReadings) {
  quality_meter m;
  m.add(sample(50, 0, 0));
  m.add(sample(50, 50, 50));  // a bad second at the start
  for (int i = 1; i <= 4; ++i) m.add(sample(50, 50 + 100 * i, 50));
  // Window of 5 readings: from the one after the bad second, so no loss at all.
  EXPECT_DOUBLE_EQ(m.loss_pct(), 0.0);
}

TEST(QualityMeter, TooFewPacketsGiveNoLossFigure) {
  quality_meter m;
  m.add(sample(50, 0, 0));
  m.add(sample(50, 9, 1));  // 10 packets, 1 lost: not 10 %
  EXPECT_EQ(m.loss_pct(), -1);
  EXPECT_EQ(m.level(), good);
  m.add(sample(50, 18, 2));  // 20 packets over the window: now it counts
  EXPECT_DOUBLE_EQ(m.loss_pct(), 10.0);
}

TEST(QualityMeter, CounterResetStartsTheWindowAgain) {
  quality_meter m;
  m.add(sample(50, 1000, 10));
  m.add(sample(50, 2000, 20));
  m.add(sample(50, 30, 0));  // new peer connection: counters from zero
  EXPECT_EQ(m.loss_pct(), -1);
  m.add(sample(50, 130, 0));
  EXPECT_DOUBLE_EQ(m.loss_pct(), 0.0);
}

TEST(QualityMeter, LostCounterGoingDownIsNotNegativeLoss) {
  quality_meter m;
  m.add(sample(50, 0, 10));
  m.add(sample(50, 100, 4));  // duplicates made packetsLost go down
  EXPECT_DOUBLE_EQ(m.loss_pct(), 0.0);
}

TEST(QualityMeter, MissingCountersMeanLossUnknownButKeepTheHistory) {
  quality_meter m;
  m.add(sample(50, 0, 0));
  m.add(sample(50, unknown, unknown));
  EXPECT_EQ(m.loss_pct(), -1);
  m.add(sample(50, 90, unknown));
  EXPECT_EQ(m.loss_pct(), -1);
  m.add(sample(50, 190, 10));
  EXPECT_DOUBLE_EQ(m.loss_pct(), 5.0);  // against the first reading
}

TEST(QualityMeter, AReadingWithNothingKnownKeepsTheBadge) {
  quality_meter m;
  m.add(sample(50, unknown, unknown));
  EXPECT_EQ(m.add({}), good);
  EXPECT_EQ(m.rtt_ms(), -1);
  EXPECT_EQ(m.bitrate_bps(), -1);
}

// Feeds readings that classify as the given levels (by round-trip time alone).
std::vector<quality_level> feed(quality_meter& m, const std::vector<quality_level>& levels) {
  std::vector<quality_level> shown;
  for (quality_level l : levels) {
    const double rtt = l == good ? 100 : l == weak ? 300 : 800;
    shown.push_back(m.add({rtt, unknown, unknown, unknown}));
  }
  return shown;
}

using levels = std::vector<quality_level>;

TEST(QualityMeter, OneSpikeDoesNotChangeTheBadge) {
  quality_meter m;
  EXPECT_EQ(feed(m, {good, bad, good, good, weak, good}), levels(6, good));
}

TEST(QualityMeter, TwoOfThreeWorseReadingsLowerIt) {
  quality_meter m;
  EXPECT_EQ(feed(m, {good, bad, bad}), (levels{good, good, bad}));
  quality_meter n;
  EXPECT_EQ(feed(n, {good, bad, good, bad}), (levels{good, good, good, bad}));
  quality_meter o;  // only as far down as two readings agree
  EXPECT_EQ(feed(o, {good, bad, weak}), (levels{good, good, weak}));
}

TEST(QualityMeter, ThreeBetterReadingsInARowRaiseIt) {
  quality_meter m;
  feed(m, {bad});
  EXPECT_EQ(feed(m, {good, good, good}), (levels{bad, bad, good}));
  quality_meter n;
  feed(n, {bad});
  EXPECT_EQ(feed(n, {good, weak, good}), (levels{bad, bad, weak}));  // to the worst of them
  quality_meter o;
  feed(o, {bad});
  EXPECT_EQ(feed(o, {good, good, bad, good, good}), levels(5, bad));  // the run was broken
}

TEST(QualityMeter, FlappingConnectionStaysDown) {
  quality_meter m;
  feed(m, {good, bad, bad});
  ASSERT_EQ(m.level(), bad);
  EXPECT_EQ(feed(m, {good, bad, good, bad, good, bad}), levels(6, bad));
}

TEST(QualityMeter, RealisticCallAtOneReadingASecond) {
  quality_meter m;
  double received = 0;
  double lost = 0;
  levels shown;
  // 10 s of a clean call (60 packets a second), then 10 s at 5 % loss, then clean again.
  for (int second = 0; second < 40; ++second) {
    const double loss = second >= 10 && second < 20 ? 0.05 : 0.0;
    received += 60 * (1 - loss);
    lost += 60 * loss;
    shown.push_back(m.add({80, received, lost, 1.5e6}));
  }
  EXPECT_EQ(shown[9], good);
  EXPECT_EQ(shown[19], weak);
  EXPECT_EQ(shown[39], good);
  int changes = 0;
  for (std::size_t i = 1; i < shown.size(); ++i) changes += shown[i] != shown[i - 1] ? 1 : 0;
  EXPECT_EQ(changes, 2);  // down once, up once: no flicker at the edges of the lossy spell
}

TEST(QualityMeter, TextOnlyCallUsesRoundTripTimeAlone) {
  quality_meter m(call_media::text_only);
  EXPECT_EQ(m.add({100, 0, 0, 1000}), good);  // a starved bandwidth estimate does not count
  EXPECT_EQ(m.add({100, 10, 90, 1000}), good);
  EXPECT_EQ(m.loss_pct(), -1);
  EXPECT_EQ(m.bitrate_bps(), -1);
  EXPECT_EQ(feed(m, {bad, bad}), (levels{good, bad}));
}

TEST(QualityMeter, ResetForgetsTheCallButNotItsKind) {
  quality_meter m(call_media::text_only);
  feed(m, {bad});
  m.reset();
  EXPECT_EQ(m.level(), quality_level::unknown);
  EXPECT_EQ(m.rtt_ms(), -1);
  EXPECT_EQ(m.add({100, 0, 0, 1000}), good);  // still text-only: bitrate ignored
  quality_meter v;
  v.add(sample(50, 0, 0));
  v.add(sample(50, 50, 50));
  v.reset();
  v.add(sample(50, 100, 50));
  EXPECT_EQ(v.loss_pct(), -1);  // no history from before the reset
}

}  // namespace
}  // namespace novatalk::quality
