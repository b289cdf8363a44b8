// Tests core/moderation/report_bans: K distinct reporter addresses within the window ban an
// address, one reporter never counts twice, bans end, and keys that rotate at midnight lose
// neither a ban nor the reports counted so far. The clock is injected.
#include "core/moderation/report_bans.hpp"

#include <gtest/gtest.h>

namespace m = novatalk::moderation;
using namespace std::chrono_literals;

namespace {

const m::time_point t0 = m::time_point{} + 1000h;

// An address as the server would see it on `day`: the key of that day and of the day before.
m::address at(const std::string& who, int day = 1) {
  return {who + "@" + std::to_string(day), who + "@" + std::to_string(day - 1)};
}

TEST(ReportBans, ThreeDistinctReportersBanForTheConfiguredTime) {
  m::report_bans bans({3, 3600s, 1h});
  EXPECT_FALSE(bans.report(at("x"), at("a"), t0));
  EXPECT_FALSE(bans.report(at("x"), at("b"), t0 + 1s));
  EXPECT_EQ(bans.banned_for(at("x"), t0 + 2s), 0ms);
  const auto ban = bans.report(at("x"), at("c"), t0 + 2s);
  ASSERT_TRUE(ban);
  EXPECT_EQ(*ban, 3600s);
  EXPECT_EQ(bans.banned_for(at("x"), t0 + 2s), 3600s);
  EXPECT_EQ(bans.banned_for(at("x"), t0 + 2s + 3599s + 500ms), 500ms);
  EXPECT_EQ(bans.banned_for(at("x"), t0 + 2s + 3600s), 0ms);
  // Nobody else is touched.
  EXPECT_EQ(bans.banned_for(at("a"), t0 + 3s), 0ms);
}

TEST(ReportBans, OneReporterWithManyTabsCountsOnce) {
  m::report_bans bans({3, 3600s, 1h});
  for (int i = 0; i < 10; ++i) EXPECT_FALSE(bans.report(at("x"), at("a"), t0 + i * 1s));
  EXPECT_FALSE(bans.report(at("x"), at("b"), t0 + 20s));
  EXPECT_EQ(bans.banned_for(at("x"), t0 + 21s), 0ms);
  EXPECT_TRUE(bans.report(at("x"), at("c"), t0 + 22s));
}

TEST(ReportBans, ReportsOlderThanTheWindowLapse) {
  m::report_bans bans({3, 3600s, 1h});
  EXPECT_FALSE(bans.report(at("x"), at("a"), t0));
  EXPECT_FALSE(bans.report(at("x"), at("b"), t0 + 30min));
  // a's report is an hour old now: b and c are two.
  EXPECT_FALSE(bans.report(at("x"), at("c"), t0 + 60min));
  EXPECT_EQ(bans.banned_for(at("x"), t0 + 60min), 0ms);
  // Within the hour of b's: b, c, d.
  EXPECT_TRUE(bans.report(at("x"), at("d"), t0 + 89min));
}

TEST(ReportBans, AReporterWhoReportsAgainKeepsItsLatestTime) {
  m::report_bans bans({3, 3600s, 1h});
  EXPECT_FALSE(bans.report(at("x"), at("a"), t0));
  EXPECT_FALSE(bans.report(at("x"), at("b"), t0 + 30min));
  EXPECT_FALSE(bans.report(at("x"), at("a"), t0 + 50min));  // a again: still two, a now later
  EXPECT_TRUE(bans.report(at("x"), at("c"), t0 + 70min));  // a's first report lapsed, its second not
}

TEST(ReportBans, ZeroReportsTurnsBansOff) {
  m::report_bans bans({0, 3600s, 1h});
  EXPECT_FALSE(bans.enabled());
  for (const char* who : {"a", "b", "c", "d"}) EXPECT_FALSE(bans.report(at("x"), at(who), t0));
  EXPECT_EQ(bans.banned_for(at("x"), t0), 0ms);
  EXPECT_EQ(bans.size(), 0u);
}

TEST(ReportBans, UnknownAddressesNeitherCountNorAreBanned) {
  m::report_bans bans({1, 3600s, 1h});
  EXPECT_FALSE(bans.report(m::address{}, at("a"), t0));
  EXPECT_FALSE(bans.report(at("x"), m::address{}, t0));
  EXPECT_EQ(bans.banned_for(m::address{}, t0), 0ms);
  EXPECT_EQ(bans.size(), 0u);
}

TEST(ReportBans, ABannedAddressCollectsNoFurtherReports) {
  m::report_bans bans({2, 600s, 1h});
  EXPECT_FALSE(bans.report(at("x"), at("a"), t0));
  EXPECT_TRUE(bans.report(at("x"), at("b"), t0));
  EXPECT_FALSE(bans.report(at("x"), at("c"), t0 + 1s));  // no second ban, no longer ban
  EXPECT_EQ(bans.banned_for(at("x"), t0 + 1s), 599s);
  // After it ends, counting starts from nothing.
  EXPECT_FALSE(bans.report(at("x"), at("c"), t0 + 600s));
  EXPECT_TRUE(bans.report(at("x"), at("d"), t0 + 601s));
}

TEST(ReportBans, ABanSurvivesTheKeyRotationAtMidnight) {
  m::report_bans bans({1, 3600s, 1h});
  ASSERT_TRUE(bans.report(at("x", 1), at("a", 1), t0));
  // Day 2: the address hashes to a new current key; the old one is its previous.
  EXPECT_EQ(bans.banned_for(at("x", 2), t0 + 10min), 50min);
  // Found once under the previous key, it now lives under the current one too: day 3 (whose
  // previous is day 2's key) still finds it.
  EXPECT_EQ(bans.banned_for(at("x", 3), t0 + 20min), 40min);
  // Without that lookup on day 2 it would be gone by day 3: the keys are unlinkable.
  m::report_bans other({1, 3600s, 1h});
  ASSERT_TRUE(other.report(at("x", 1), at("a", 1), t0));
  EXPECT_EQ(other.banned_for(at("x", 3), t0 + 20min), 0ms);
}

TEST(ReportBans, ReportsCountAcrossTheRotation) {
  m::report_bans bans({3, 3600s, 1h});
  EXPECT_FALSE(bans.report(at("x", 1), at("a", 1), t0));
  EXPECT_FALSE(bans.report(at("x", 1), at("b", 1), t0 + 1min));
  // After midnight: a again (under its new key: still one reporter), then c: three.
  EXPECT_FALSE(bans.report(at("x", 2), at("a", 2), t0 + 2min));
  EXPECT_EQ(bans.banned_for(at("x", 2), t0 + 2min), 0ms);
  EXPECT_TRUE(bans.report(at("x", 2), at("c", 2), t0 + 3min));
}

TEST(ReportBans, ExpireForgetsLapsedReportsAndBans) {
  m::report_bans bans({2, 600s, 1h});
  EXPECT_FALSE(bans.report(at("x"), at("a"), t0));
  EXPECT_FALSE(bans.report(at("y"), at("a"), t0));
  EXPECT_TRUE(bans.report(at("y"), at("b"), t0));
  EXPECT_EQ(bans.size(), 2u);  // x's window, y's ban
  bans.expire(t0 + 10min);     // y's ban ends
  EXPECT_EQ(bans.size(), 1u);
  bans.expire(t0 + 60min);     // a's report on x lapses
  EXPECT_EQ(bans.size(), 0u);
}

TEST(ReportBans, SecondsLeftRoundUp) {
  EXPECT_EQ(m::seconds_left(0ms), 0u);
  EXPECT_EQ(m::seconds_left(1ms), 1u);
  EXPECT_EQ(m::seconds_left(1000ms), 1u);
  EXPECT_EQ(m::seconds_left(1001ms), 2u);
  EXPECT_EQ(m::seconds_left(3600s), 3600u);
}

}  // namespace
