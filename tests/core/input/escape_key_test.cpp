// Tests of core/input/escape_key: Esc on every screen, the two-press skip at its 1 s edge, and
// that an arm never outlives its stranger.
#include "core/input/escape_key.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace novatalk::input {
namespace {

using namespace std::chrono_literals;
using session::screen;
using actions = std::vector<escape_action>;

constexpr time_point t0{50000};
constexpr auto none = escape_action::none;
constexpr auto start = escape_action::start;
constexpr auto arm = escape_action::arm_next;
constexpr auto next = escape_action::next;

struct press {
  screen on;
  std::chrono::milliseconds at;  // after t0
};

// What a sequence of presses does, from a fresh escape_key.
actions run(std::initializer_list<press> presses) {
  escape_key k;
  actions out;
  for (const press& p : presses) out.push_back(k.on_escape(p.on, t0 + p.at));
  return out;
}

TEST(EscapeKey, Names) {
  EXPECT_STREQ(to_string(none), "none");
  EXPECT_STREQ(to_string(start), "start");
  EXPECT_STREQ(to_string(arm), "arm_next");
  EXPECT_STREQ(to_string(next), "next");
}

TEST(EscapeKey, StartsFromTheLandingScreen) {
  EXPECT_EQ(run({{screen::idle, 0ms}, {screen::idle, 100ms}}), (actions{start, start}));
}

TEST(EscapeKey, DoesNothingWhileSearchingOrAskingForMedia) {
  for (screen s : {screen::searching, screen::acquiring_media, screen::media_blocked}) {
    EXPECT_EQ(run({{s, 0ms}, {s, 10ms}}), (actions{none, none})) << s;
  }
}

TEST(EscapeKey, TwoPressesInACallSkip) {
  for (screen s : {screen::connecting, screen::in_call}) {
    EXPECT_EQ(run({{s, 0ms}, {s, 300ms}}), (actions{arm, next})) << s;
  }
  EXPECT_EQ(run({{screen::connecting, 0ms}, {screen::in_call, 500ms}}), (actions{arm, next}));
}

TEST(EscapeKey, ArmedShowsTheHintForJustUnderOneSecond) {
  escape_key k;
  EXPECT_FALSE(k.armed(t0));
  ASSERT_EQ(k.on_escape(screen::in_call, t0), arm);
  EXPECT_TRUE(k.armed(t0));
  EXPECT_TRUE(k.armed(t0 + 999ms));
  EXPECT_FALSE(k.armed(t0 + 1000ms));
  ASSERT_EQ(k.on_escape(screen::in_call, t0 + 999ms), next);
  EXPECT_FALSE(k.armed(t0 + 999ms));
}

TEST(EscapeKey, PressAtExactlyOneSecondArmsAgain) {
  EXPECT_EQ(run({{screen::in_call, 0ms}, {screen::in_call, 1000ms}, {screen::in_call, 1999ms}}),
            (actions{arm, arm, next}));
}

TEST(EscapeKey, ThirdPressArmsAgain) {
  EXPECT_EQ(run({{screen::in_call, 0ms}, {screen::in_call, 200ms}, {screen::in_call, 400ms}}),
            (actions{arm, next, arm}));
}

TEST(EscapeKey, AnArmDoesNotSurviveLeavingTheCall) {
  EXPECT_EQ(run({{screen::in_call, 0ms}, {screen::searching, 200ms}, {screen::connecting, 400ms}}),
            (actions{arm, none, arm}));
  EXPECT_EQ(run({{screen::in_call, 0ms}, {screen::idle, 200ms}, {screen::in_call, 400ms}}),
            (actions{arm, start, arm}));
}

TEST(EscapeKey, DisarmProtectsTheNewStranger) {
  escape_key k;
  k.on_escape(screen::in_call, t0);
  k.disarm();  // the stranger left and someone new was matched at once
  EXPECT_FALSE(k.armed(t0 + 100ms));
  EXPECT_EQ(k.on_escape(screen::connecting, t0 + 300ms), arm);
}

}  // namespace
}  // namespace novatalk::input
