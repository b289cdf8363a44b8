// Tests core/pairing/matchmaker: the pairing rules of protocol v1, driven with an injected clock.
#include "core/pairing/matchmaker.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

namespace pr = novatalk::pairing;
using novatalk::protocol::chat_mode;
using novatalk::protocol::leave_reason;
using namespace std::chrono_literals;

namespace {

struct MatchmakerTest : ::testing::Test {
  pr::matchmaker mm{pr::config{5000ms}};
  pr::time_point now{};

  pr::outcome join(pr::client_id id, std::vector<std::string> interests = {},
                   chat_mode mode = chat_mode::video) {
    return mm.join(id, pr::preferences{std::move(interests), mode}, now);
  }

  // Makes a and b a blocked pair (a reports b) and leaves both idle. Needs an empty queue.
  void block(pr::client_id a, pr::client_id b) {
    ASSERT_EQ(mm.waiting_count(), 0u);
    join(a);
    join(b);
    ASSERT_EQ(mm.partner_of(a), b);
    mm.report(a, now);
    mm.leave(a, now);
    ASSERT_TRUE(mm.is_blocked(a, b));
  }
};

bool is_pair(const pr::match& m, pr::client_id a, pr::client_id b) {
  return (m.initiator == a && m.responder == b) || (m.initiator == b && m.responder == a);
}

// The outcome paired a and b (either role) and nobody else.
::testing::AssertionResult only_match(const pr::outcome& out, pr::client_id a, pr::client_id b) {
  if (out.matches.size() != 1) {
    return ::testing::AssertionFailure() << out.matches.size() << " matches, expected " << a
                                         << "-" << b;
  }
  const auto& m = out.matches[0];
  if (!is_pair(m, a, b)) {
    return ::testing::AssertionFailure() << "matched " << m.initiator << "-" << m.responder
                                         << ", expected " << a << "-" << b;
  }
  return ::testing::AssertionSuccess();
}

}  // namespace

TEST_F(MatchmakerTest, FirstTwoArePairedAndTheOlderOneInitiates) {
  EXPECT_TRUE(join(1).matches.empty());
  EXPECT_TRUE(mm.is_waiting(1));
  auto out = join(2);
  ASSERT_EQ(out.matches.size(), 1u);
  EXPECT_EQ(out.matches[0].initiator, 1u);
  EXPECT_EQ(out.matches[0].responder, 2u);
  EXPECT_EQ(mm.partner_of(1), 2u);
  EXPECT_EQ(mm.partner_of(2), 1u);
  EXPECT_EQ(mm.waiting_count(), 0u);
}

TEST_F(MatchmakerTest, FirstComeFirstServed) {
  join(1, {}, chat_mode::text);
  join(2);
  join(3, {}, chat_mode::text);  // pairs with 1 (same mode), not 2
  EXPECT_EQ(mm.partner_of(3), 1u);
  auto out = join(4);
  ASSERT_EQ(out.matches.size(), 1u);
  EXPECT_TRUE(is_pair(out.matches[0], 2, 4));
}

TEST_F(MatchmakerTest, CommonInterestBeatsArrivalOrder) {
  join(1, {"music"});
  join(2, {"chess"});
  auto out = join(3, {"chess", "music"});
  ASSERT_EQ(out.matches.size(), 1u);
  // Both 1 and 2 share an interest with 3: the older one wins.
  EXPECT_TRUE(is_pair(out.matches[0], 1, 3));
  EXPECT_EQ(out.matches[0].common, std::vector<std::string>{"music"});
}

TEST_F(MatchmakerTest, CommonInterestsListedInTheInitiatorsOrder) {
  join(1, {"b", "a", "c"});
  auto out = join(2, {"a", "b"});
  ASSERT_EQ(out.matches.size(), 1u);
  EXPECT_EQ(out.matches[0].common, (std::vector<std::string>{"b", "a"}));
}

TEST_F(MatchmakerTest, InterestsArePreferredOverSomeoneWithout) {
  join(1);                         // no interests: open to anyone
  auto out = join(2, {"music"});   // within its wait: does not take 1
  EXPECT_TRUE(out.matches.empty());
  out = join(3, {"music"});
  ASSERT_EQ(out.matches.size(), 1u);
  EXPECT_TRUE(is_pair(out.matches[0], 2, 3));
  EXPECT_TRUE(mm.is_waiting(1));
}

TEST_F(MatchmakerTest, AfterTheInterestWaitAnyoneWillDo) {
  join(1, {"music"});
  now += 1s;
  join(2, {"chess"});
  EXPECT_TRUE(mm.tick(now).matches.empty());
  now += 4s;  // 1 has waited 5 s and is open to anyone; 2 has waited 4 s and is not yet
  EXPECT_TRUE(mm.tick(now).matches.empty());
  now += 1s;  // now both are
  auto out = mm.tick(now);
  ASSERT_EQ(out.matches.size(), 1u);
  EXPECT_EQ(out.matches[0].initiator, 1u);
  EXPECT_TRUE(out.matches[0].common.empty());
}

TEST_F(MatchmakerTest, AfterTheWaitSomeoneWithoutInterestsWillDo) {
  join(1, {"music"});
  join(2);
  EXPECT_TRUE(mm.tick(now + 4999ms).matches.empty());
  auto out = mm.tick(now + 5s);
  ASSERT_EQ(out.matches.size(), 1u);
  EXPECT_TRUE(is_pair(out.matches[0], 1, 2));
}

TEST_F(MatchmakerTest, NewcomerWithoutInterestsTakesAnExpiredWaiter) {
  join(1, {"music"});
  now += 6s;
  auto out = join(2);
  ASSERT_EQ(out.matches.size(), 1u);
  EXPECT_TRUE(is_pair(out.matches[0], 1, 2));
}

TEST_F(MatchmakerTest, OnlyEqualModesArePaired) {
  join(1, {"music"}, chat_mode::text);
  auto out = join(2, {"music"}, chat_mode::video);
  EXPECT_TRUE(out.matches.empty());
  now += 1h;
  EXPECT_TRUE(mm.tick(now).matches.empty());
  out = join(3, {}, chat_mode::text);
  ASSERT_EQ(out.matches.size(), 1u);
  EXPECT_TRUE(is_pair(out.matches[0], 1, 3));
}

TEST_F(MatchmakerTest, NeverPairedWithItself) {
  join(1);
  EXPECT_TRUE(join(1).matches.empty());  // joining twice re-queues, alone
  EXPECT_TRUE(mm.tick(now + 1h).matches.empty());
  EXPECT_EQ(mm.waiting_count(), 1u);
}

TEST_F(MatchmakerTest, NextTellsTheStrangerAndRequeues) {
  join(1);
  join(2);
  join(3);
  auto out = mm.next(1, now);
  ASSERT_EQ(out.left.size(), 1u);
  EXPECT_EQ(out.left[0].to, 2u);
  EXPECT_EQ(out.left[0].reason, leave_reason::next);
  ASSERT_EQ(out.matches.size(), 1u);
  EXPECT_TRUE(is_pair(out.matches[0], 1, 3));
  EXPECT_FALSE(mm.partner_of(2));
  EXPECT_FALSE(mm.is_waiting(2));  // the stranger left behind searches again by joining
}

TEST_F(MatchmakerTest, NextKeepsThePreferences) {
  join(1, {"music"}, chat_mode::text);
  join(2, {"music"}, chat_mode::text);
  join(3, {"music"}, chat_mode::video);
  join(4, {"music"}, chat_mode::text);
  auto out = mm.next(2, now);
  ASSERT_EQ(out.matches.size(), 1u);
  EXPECT_TRUE(is_pair(out.matches[0], 2, 4));
  EXPECT_EQ(out.matches[0].common, std::vector<std::string>{"music"});
}

TEST_F(MatchmakerTest, TheSameTwoAreNotRepairedWhileSomeoneElseWaits) {
  join(1);
  join(2);
  join(3, {"chess"});  // waits for chess within its window
  mm.next(1, now);     // 1 is back in the queue; 3 is not open to it yet
  auto out = join(2);  // 2 searches again: 1 is waiting, but 2 just left... 1 left 2
  EXPECT_TRUE(out.matches.empty()) << "re-paired with the stranger just skipped";
  now += 5s;
  out = mm.tick(now);  // 3 is open now and takes the oldest: 1; 2 keeps waiting
  ASSERT_EQ(out.matches.size(), 1u);
  EXPECT_TRUE(is_pair(out.matches[0], 1, 3));
  EXPECT_TRUE(mm.is_waiting(2));
}

TEST_F(MatchmakerTest, TheSameTwoMayMeetAgainWhenNobodyElseIsThere) {
  join(1);
  join(2);
  mm.next(1, now);
  auto out = join(2);
  ASSERT_EQ(out.matches.size(), 1u);
  EXPECT_TRUE(is_pair(out.matches[0], 1, 2));
}

TEST_F(MatchmakerTest, AvoidedPairMeetsOnceTheOtherWaiterLeaves) {
  join(1);
  join(2);
  join(3, {"chess"});
  mm.next(1, now);
  join(2);
  EXPECT_EQ(mm.waiting_count(), 3u);
  mm.disconnect(3, now);
  auto out = mm.tick(now);
  ASSERT_EQ(out.matches.size(), 1u);
  EXPECT_TRUE(is_pair(out.matches[0], 1, 2));
}

TEST_F(MatchmakerTest, LeaveTellsTheStrangerAndStaysIdle) {
  join(1);
  join(2);
  auto out = mm.leave(2, now);
  ASSERT_EQ(out.left.size(), 1u);
  EXPECT_EQ(out.left[0].to, 1u);
  EXPECT_EQ(out.left[0].reason, leave_reason::leave);
  EXPECT_FALSE(mm.is_waiting(2));
  EXPECT_FALSE(mm.partner_of(1));
  join(3);
  EXPECT_FALSE(mm.partner_of(3));  // 2 is idle, 1 has not searched again yet
  EXPECT_TRUE(mm.leave(3, now).left.empty());
  EXPECT_EQ(mm.waiting_count(), 0u);
}

TEST_F(MatchmakerTest, DisconnectTellsTheStrangerAndForgets) {
  join(1);
  join(2);
  auto out = mm.disconnect(1, now);
  ASSERT_EQ(out.left.size(), 1u);
  EXPECT_EQ(out.left[0].to, 2u);
  EXPECT_EQ(out.left[0].reason, leave_reason::disconnect);
  EXPECT_TRUE(mm.next(1, now).matches.empty());  // forgotten: next does nothing
  EXPECT_FALSE(mm.is_waiting(1));
  join(3);
  EXPECT_TRUE(mm.disconnect(3, now).left.empty());  // waiting, not paired: nobody to tell
  EXPECT_EQ(mm.waiting_count(), 0u);
}

TEST_F(MatchmakerTest, NextBeforeJoinDoesNothing) {
  auto out = mm.next(9, now);
  EXPECT_TRUE(out.left.empty());
  EXPECT_TRUE(out.matches.empty());
  EXPECT_FALSE(mm.is_waiting(9));
}

TEST_F(MatchmakerTest, JoinWhilePairedIsANext) {
  join(1);
  join(2);
  auto out = join(1, {"music"});
  ASSERT_EQ(out.left.size(), 1u);
  EXPECT_EQ(out.left[0].to, 2u);
  EXPECT_EQ(out.left[0].reason, leave_reason::next);
  EXPECT_TRUE(mm.is_waiting(1));
}

TEST_F(MatchmakerTest, ReportEndsTheCallLikeNextAndBlocksThePair) {
  join(1, {"music"}, chat_mode::text);
  join(2, {"music"}, chat_mode::text);
  auto out = mm.report(1, now);
  ASSERT_EQ(out.left.size(), 1u);
  EXPECT_EQ(out.left[0].to, 2u);
  EXPECT_EQ(out.left[0].reason, leave_reason::next);  // the same as a skip: not "reported"
  EXPECT_TRUE(out.matches.empty());
  EXPECT_TRUE(mm.is_waiting(1));  // the reporter searches again at once
  EXPECT_FALSE(mm.is_waiting(2));
  EXPECT_TRUE(mm.is_blocked(1, 2));
  EXPECT_TRUE(mm.is_blocked(2, 1));
  EXPECT_EQ(mm.blocked_pair_count(), 1u);
  // ... with the same interests and mode.
  EXPECT_TRUE(join(3, {"music"}, chat_mode::video).matches.empty());
  out = join(4, {"music"}, chat_mode::text);
  ASSERT_TRUE(only_match(out, 1, 4));
  EXPECT_EQ(out.matches[0].common, std::vector<std::string>{"music"});
}

TEST_F(MatchmakerTest, ReportRequeuesTheReporterIntoAWaitingStranger) {
  join(1);
  join(2);
  join(3, {}, chat_mode::text);
  join(4, {}, chat_mode::text);
  join(5);
  auto out = mm.report(2, now);
  EXPECT_TRUE(only_match(out, 2, 5));
}

TEST_F(MatchmakerTest, ABlockedPairIsNeverPairedAgainEvenWhenAlone) {
  join(1);
  join(2);
  mm.report(1, now);  // 1 waits
  EXPECT_TRUE(join(2).matches.empty()) << "the reported one joined the reporter";
  EXPECT_TRUE(mm.tick(now += 1h).matches.empty());
  EXPECT_EQ(mm.waiting_count(), 2u);
  // The other direction: the reported one waits, the reporter arrives.
  mm.leave(1, now);
  EXPECT_TRUE(join(1).matches.empty()) << "the reporter joined the reported one";
  EXPECT_TRUE(mm.next(2, now).matches.empty());
  EXPECT_TRUE(join(1, {"music"}).matches.empty());
  EXPECT_TRUE(mm.tick(now += 1h).matches.empty());
  EXPECT_EQ(mm.waiting_count(), 2u);
}

TEST_F(MatchmakerTest, TheReportedOneCanBeTheReporterToo) {
  join(1);
  join(2);
  mm.report(2, now);  // the responder reports
  EXPECT_TRUE(mm.is_blocked(1, 2));
  EXPECT_TRUE(join(1).matches.empty());
  EXPECT_TRUE(mm.report(1, now).left.empty());  // no stranger now: nothing to report
  EXPECT_EQ(mm.blocked_pair_count(), 1u);
}

TEST_F(MatchmakerTest, AThirdPersonIsPairedWithOneOfABlockedPair) {
  block(1, 2);
  join(2);
  join(1);
  EXPECT_TRUE(only_match(join(3), 2, 3));  // the one who waited longest
  EXPECT_TRUE(only_match(join(4), 1, 4));
}

TEST_F(MatchmakerTest, ReportWithoutAStrangerChangesNothing) {
  EXPECT_TRUE(mm.report(1, now).left.empty());  // unknown
  EXPECT_FALSE(mm.is_waiting(1));
  join(1);
  auto out = mm.report(1, now);  // waiting
  EXPECT_TRUE(out.left.empty());
  EXPECT_TRUE(out.matches.empty());
  EXPECT_TRUE(mm.is_waiting(1));
  EXPECT_EQ(mm.blocked_pair_count(), 0u);
}

TEST_F(MatchmakerTest, BlocksAreReleasedWhenEitherClientDisconnects) {
  block(1, 2);
  block(3, 4);
  block(1, 3);
  EXPECT_EQ(mm.blocked_pair_count(), 3u);
  mm.disconnect(2, now);  // the reported one
  EXPECT_FALSE(mm.is_blocked(1, 2));
  EXPECT_FALSE(mm.is_blocked(2, 1));
  EXPECT_EQ(mm.blocked_pair_count(), 2u);
  mm.disconnect(3, now);  // a reporter and a reported one
  EXPECT_FALSE(mm.is_blocked(4, 3));
  EXPECT_FALSE(mm.is_blocked(1, 3));
  EXPECT_EQ(mm.blocked_pair_count(), 0u);
  // Nothing is left over: a new client under a gone id starts free of blocks.
  join(1);
  auto out = join(2);
  EXPECT_TRUE(only_match(out, 1, 2));
}

// Rule 5 with blocks: someone waiting who could take one of a skipped pair keeps them apart,
// even when blocked with the other one.
TEST_F(MatchmakerTest, SkippedPairStaysApartWhileSomeoneCouldTakeEitherOfThem) {
  block(1, 3);
  join(1);
  join(2);
  mm.leave(1, now);    // 1 left 2: the two are avoided
  join(3, {"chess"});  // waits for chess: not open to 2 for 5 s; blocked with 1
  EXPECT_TRUE(join(2).matches.empty());
  EXPECT_TRUE(join(1).matches.empty()) << "re-paired with the stranger just left";
  now += 5s;
  auto out = mm.tick(now);  // 3 is open now: takes 2; 1 keeps waiting
  EXPECT_TRUE(only_match(out, 2, 3));
  EXPECT_TRUE(mm.is_waiting(1));
}

// ... but someone blocked with both can never take either: the skipped pair may meet again.
TEST_F(MatchmakerTest, SomeoneBlockedWithBothDoesNotKeepASkippedPairApart) {
  block(3, 1);
  block(3, 2);
  join(1);
  join(2);
  mm.next(1, now);
  join(3);
  auto out = join(2);
  EXPECT_TRUE(only_match(out, 1, 2));
  EXPECT_TRUE(mm.is_waiting(3));
}

// Random joins, nexts, leaves, reports, disconnects and ticks: whatever happens, pairs stay
// mutual, nobody is paired twice or with themself, a blocked pair is never paired, blocks are
// released on disconnect, and no two compatible people are left waiting.
TEST_F(MatchmakerTest, InvariantsHoldUnderRandomEvents) {
  std::mt19937 rng(12345);
  const std::vector<std::string> tags = {"music", "chess", "art"};
  std::map<pr::client_id, chat_mode> mode_of;
  std::set<std::pair<pr::client_id, pr::client_id>> blocked;  // the model: (low, high)
  auto key = [](pr::client_id a, pr::client_id b) {
    return std::pair<pr::client_id, pr::client_id>(std::min(a, b), std::max(a, b));
  };
  auto check = [&](const pr::outcome& out, int step) {
    for (const auto& m : out.matches) {
      ASSERT_EQ(blocked.count(key(m.initiator, m.responder)), 0u)
          << "blocked pair " << m.initiator << "-" << m.responder << " paired at step " << step;
    }
  };
  auto check_blocks = [&] {
    for (pr::client_id a = 1; a <= 40; ++a) {
      for (pr::client_id b = 1; b <= 40; ++b) {
        ASSERT_EQ(mm.is_blocked(a, b), a != b && blocked.count(key(a, b)) != 0) << a << "-" << b;
      }
    }
    ASSERT_EQ(mm.blocked_pair_count(), blocked.size());
  };
  int reports = 0;
  for (int step = 0; step < 20000; ++step) {
    pr::client_id id = rng() % 40 + 1;
    switch (rng() % 8) {
      case 0:
      case 1: {
        std::vector<std::string> interests;
        if (rng() % 2) interests.push_back(tags[rng() % tags.size()]);
        mode_of[id] = rng() % 4 ? chat_mode::video : chat_mode::text;
        check(join(id, interests, mode_of[id]), step);
        break;
      }
      case 2: check(mm.next(id, now), step); break;
      case 3: check(mm.leave(id, now), step); break;
      case 4:
        check(mm.disconnect(id, now), step);
        for (auto it = blocked.begin(); it != blocked.end();) {
          it = it->first == id || it->second == id ? blocked.erase(it) : std::next(it);
        }
        break;
      case 5: now += std::chrono::milliseconds(rng() % 3000); check(mm.tick(now), step); break;
      case 6:
      case 7:
        if (auto p = mm.partner_of(id)) {
          blocked.insert(key(id, *p));
          ++reports;
        }
        check(mm.report(id, now), step);
        break;
    }
    if (step % 250 == 0) check_blocks();
    for (pr::client_id c = 1; c <= 40; ++c) {
      auto p = mm.partner_of(c);
      if (!p) continue;
      ASSERT_NE(*p, c);
      ASSERT_EQ(mm.partner_of(*p), c) << "pair not mutual at step " << step;
      ASSERT_FALSE(mm.is_waiting(c)) << "paired and waiting at step " << step;
      ASSERT_EQ(blocked.count(key(c, *p)), 0u) << "blocked pair together at step " << step;
    }
  }
  EXPECT_GT(reports, 500) << "the random walk should report often";
  check_blocks();
  // After every interest wait has run out, any two people of the same mode left waiting are a
  // blocked pair: two others would have been paired (even two who just skipped each other, as
  // nobody else who could take one of them waits).
  now += 1h;
  check(mm.tick(now), -1);
  const auto waiting = mm.waiting_ids();
  for (pr::client_id a : waiting) {
    for (pr::client_id b : waiting) {
      if (a < b && mode_of.at(a) == mode_of.at(b)) {
        EXPECT_TRUE(blocked.count(key(a, b))) << a << " and " << b << " both left waiting";
      }
    }
  }
  // Every block dies with its clients.
  for (pr::client_id c = 1; c <= 40; ++c) mm.disconnect(c, now);
  EXPECT_EQ(mm.blocked_pair_count(), 0u);
  EXPECT_EQ(mm.waiting_count(), 0u);
  EXPECT_EQ(mm.paired_count(), 0u);
}

TEST_F(MatchmakerTest, RenameCarriesTheStrangerBlocksAndAvoidance) {
  join(1);
  join(2);
  ASSERT_TRUE(mm.rename(1, 11, pr::preferences{{"art"}, chat_mode::video}));
  EXPECT_FALSE(mm.knows(1));
  EXPECT_EQ(mm.partner_of(11), 2u);
  EXPECT_EQ(mm.partner_of(2), 11u);
  // The stranger's next reaches the new id; the renamed one keeps its (new) preferences.
  auto out = mm.next(2, now);
  ASSERT_EQ(out.left.size(), 1u);
  EXPECT_EQ(out.left[0].to, 11u);
  // 2 waits; 11 searches with its new interest and gets 3, who shares it.
  join(3, {"art"});
  EXPECT_TRUE(only_match(mm.next(11, now), 11, 3));
  mm.leave(2, now);
  mm.leave(3, now);
  // Blocks move too.
  block(4, 5);
  ASSERT_TRUE(mm.rename(5, 15, pr::preferences{}));
  EXPECT_TRUE(mm.is_blocked(4, 15));
  EXPECT_FALSE(mm.is_blocked(4, 5));
  EXPECT_TRUE(mm.disconnect(15, now).left.empty());
  EXPECT_EQ(mm.blocked_pair_count(), 0u);
}

TEST_F(MatchmakerTest, RenameOfAWaiterKeepsItsPlace) {
  join(1);
  ASSERT_TRUE(mm.rename(1, 7, pr::preferences{}));
  EXPECT_EQ(mm.waiting_ids(), std::vector<pr::client_id>{7});
  EXPECT_TRUE(only_match(join(2), 7, 2));
}

TEST_F(MatchmakerTest, RenameRefusesUnknownOrTakenIds) {
  join(1);
  join(2);
  EXPECT_FALSE(mm.rename(9, 10, pr::preferences{}));
  EXPECT_FALSE(mm.rename(1, 2, pr::preferences{}));
  EXPECT_FALSE(mm.rename(1, 1, pr::preferences{}));
  EXPECT_EQ(mm.partner_of(1), 2u);
}

TEST_F(MatchmakerTest, RestorePairMakesStrangersWhoseNextWorks) {
  ASSERT_TRUE(mm.restore_pair(1, pr::preferences{{}, chat_mode::text}, 2, pr::preferences{}));
  EXPECT_EQ(mm.partner_of(1), 2u);
  EXPECT_EQ(mm.waiting_count(), 0u);
  EXPECT_FALSE(mm.restore_pair(1, pr::preferences{}, 3, pr::preferences{}));
  auto out = mm.next(1, now);  // the restored preferences count: 1 waits in text mode
  ASSERT_EQ(out.left.size(), 1u);
  EXPECT_EQ(out.left[0].to, 2u);
  EXPECT_TRUE(mm.is_waiting(1));
  EXPECT_TRUE(join(3).matches.empty());  // video: not for 1
  EXPECT_TRUE(only_match(join(4, {}, chat_mode::text), 1, 4));
}
