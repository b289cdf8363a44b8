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
};

bool is_pair(const pr::match& m, pr::client_id a, pr::client_id b) {
  return (m.initiator == a && m.responder == b) || (m.initiator == b && m.responder == a);
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

// Random joins, nexts, leaves, disconnects and ticks: whatever happens, pairs stay mutual,
// nobody is paired twice or with themself, and no two compatible people are left waiting.
TEST_F(MatchmakerTest, InvariantsHoldUnderRandomEvents) {
  std::mt19937 rng(12345);
  const std::vector<std::string> tags = {"music", "chess", "art"};
  std::map<pr::client_id, chat_mode> mode_of;
  for (int step = 0; step < 20000; ++step) {
    pr::client_id id = rng() % 40 + 1;
    switch (rng() % 6) {
      case 0:
      case 1: {
        std::vector<std::string> interests;
        if (rng() % 2) interests.push_back(tags[rng() % tags.size()]);
        mode_of[id] = rng() % 4 ? chat_mode::video : chat_mode::text;
        join(id, interests, mode_of[id]);
        break;
      }
      case 2: mm.next(id, now); break;
      case 3: mm.leave(id, now); break;
      case 4: mm.disconnect(id, now); break;
      case 5: now += std::chrono::milliseconds(rng() % 3000); mm.tick(now); break;
    }
    for (pr::client_id c = 1; c <= 40; ++c) {
      auto p = mm.partner_of(c);
      if (!p) continue;
      ASSERT_NE(*p, c);
      ASSERT_EQ(mm.partner_of(*p), c) << "pair not mutual at step " << step;
      ASSERT_FALSE(mm.is_waiting(c)) << "paired and waiting at step " << step;
    }
  }
  // After every interest wait has run out, at most one person per mode is left waiting:
  // two of the same mode would have been paired (even two who just skipped each other,
  // since nobody else of their mode waits).
  now += 1h;
  mm.tick(now);
  std::map<chat_mode, int> waiting_per_mode;
  for (pr::client_id id : mm.waiting_ids()) ++waiting_per_mode[mode_of.at(id)];
  EXPECT_LE(waiting_per_mode[chat_mode::video], 1);
  EXPECT_LE(waiting_per_mode[chat_mode::text], 1);
}
