// Tests of core/chat/typing_indicator: the sender's throttle and stop, the receiver's expiry,
// each at exactly its boundary (2 s, 3 s, 6 s) and one millisecond before it.
#include "core/chat/typing_indicator.hpp"

#include <gtest/gtest.h>

namespace novatalk::chat {
namespace {

using namespace std::chrono_literals;

constexpr time_point t0{100000};

TEST(TypingSender, FirstEditSendsActive) {
  typing_sender s;
  EXPECT_FALSE(s.active());
  EXPECT_TRUE(s.on_input(t0));
  EXPECT_TRUE(s.active());
}

TEST(TypingSender, RepeatsAtMostEveryTwoSecondsWhileTyping) {
  typing_sender s;
  ASSERT_TRUE(s.on_input(t0));
  EXPECT_FALSE(s.on_input(t0 + 500ms));
  EXPECT_FALSE(s.on_input(t0 + 1999ms));
  EXPECT_TRUE(s.on_input(t0 + 2000ms));  // exactly 2 s: repeat
  EXPECT_FALSE(s.on_input(t0 + 3999ms));
  EXPECT_TRUE(s.on_input(t0 + 4000ms));
}

TEST(TypingSender, KeystrokesEveryHundredMillisecondsSendOnePerTwoSeconds) {
  typing_sender s;
  int sent = 0;
  for (auto t = t0; t < t0 + 10s; t += 100ms) sent += s.on_input(t) ? 1 : 0;
  EXPECT_EQ(sent, 5);  // at 0, 2, 4, 6, 8 s
}

TEST(TypingSender, StopsThreeSecondsAfterTheLastEdit) {
  typing_sender s;
  ASSERT_TRUE(s.on_input(t0));
  ASSERT_FALSE(s.on_input(t0 + 1s));  // the last edit
  EXPECT_FALSE(s.on_tick(t0 + 1s + 2999ms));
  EXPECT_TRUE(s.on_tick(t0 + 1s + 3000ms));  // exactly 3 s: stop
  EXPECT_FALSE(s.active());
  EXPECT_FALSE(s.on_tick(t0 + 10s));  // only once
}

TEST(TypingSender, NoStopWithoutAnActive) {
  typing_sender s;
  EXPECT_FALSE(s.on_tick(t0));
  EXPECT_FALSE(s.on_tick(t0 + 1h));
}

TEST(TypingSender, EditAfterAStopSendsActiveAtOnce) {
  typing_sender s;
  ASSERT_TRUE(s.on_input(t0));
  ASSERT_TRUE(s.on_tick(t0 + 3s));
  EXPECT_TRUE(s.on_input(t0 + 3100ms));  // less than 2 s after the last active: still sent
}

// A sent chat message ends typing without a stop (the receiver hides it on the message); so
// does a reset (new stranger). The next edit starts afresh either way.
TEST(TypingSender, MessageSentOrResetEndsTypingWithoutAStop) {
  for (bool by_message : {true, false}) {
    typing_sender s;
    ASSERT_TRUE(s.on_input(t0));
    if (by_message) {
      s.on_message_sent();
    } else {
      s.reset();
    }
    EXPECT_FALSE(s.active());
    EXPECT_FALSE(s.on_tick(t0 + 5s));
    EXPECT_TRUE(s.on_input(t0 + 100ms)) << by_message;  // typing the next message
  }
}

TEST(TypingReceiver, HiddenUntilActive) {
  typing_receiver r;
  EXPECT_FALSE(r.visible(t0));
  r.on_typing(false, t0);
  EXPECT_FALSE(r.visible(t0));
  r.on_typing(true, t0);
  EXPECT_TRUE(r.visible(t0));
}

TEST(TypingReceiver, ExpiresSixSecondsAfterTheLastActive) {
  typing_receiver r;
  r.on_typing(true, t0);
  EXPECT_TRUE(r.visible(t0 + 5999ms));
  EXPECT_FALSE(r.visible(t0 + 6000ms));  // exactly 6 s: hidden, a stop may have been lost
  r.on_typing(true, t0 + 7s);
  EXPECT_TRUE(r.visible(t0 + 7s));
}

TEST(TypingReceiver, RepeatsKeepItVisible) {
  typing_receiver r;
  for (auto t = t0; t <= t0 + 20s; t += 2s) {
    r.on_typing(true, t);
    EXPECT_TRUE(r.visible(t + 1999ms));
  }
}

TEST(TypingReceiver, StopOrMessageHidesIt) {
  typing_receiver r;
  r.on_typing(true, t0);
  r.on_typing(false, t0 + 1s);
  EXPECT_FALSE(r.visible(t0 + 1s));
  r.on_typing(true, t0 + 2s);
  r.on_chat_message();
  EXPECT_FALSE(r.visible(t0 + 2s));
  r.on_typing(true, t0 + 3s);
  r.reset();
  EXPECT_FALSE(r.visible(t0 + 3s));
}

// The sender's timing works with the receiver's: continuous typing never blinks the indicator
// off, and a lost stop is forgiven within kTypingVisibleFor.
TEST(TypingIndicator, SenderAndReceiverTogether) {
  typing_sender s;
  typing_receiver r;
  for (auto t = t0; t < t0 + 30s; t += 250ms) {
    if (s.on_input(t)) r.on_typing(true, t);
    ASSERT_TRUE(r.visible(t));
  }
  const auto last_edit = t0 + 30s - 250ms;
  EXPECT_TRUE(s.on_tick(last_edit + kTypingIdleAfter));  // stop, lost on the way
  EXPECT_TRUE(r.visible(last_edit + kTypingIdleAfter));
  EXPECT_FALSE(r.visible(last_edit + kTypingVisibleFor));
  static_assert(kTypingVisibleFor > kTypingRepeatEvery, "repeats must keep it visible");
  static_assert(kTypingIdleAfter > kTypingRepeatEvery, "no stop between two repeats");
}

}  // namespace
}  // namespace novatalk::chat
