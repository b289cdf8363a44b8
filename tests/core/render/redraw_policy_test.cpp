// Tests of core/render/redraw_policy: the first frame, changes and their settle frames, the
// capped rate of animations, the idle heartbeat and the text caret's rate.
#include "core/render/redraw_policy.hpp"

#include <gtest/gtest.h>

namespace novatalk::render {
namespace {

constexpr double frame_ms = 1000.0 / 60;  // one animation frame

// How many of `frames` animation frames, from `start`, draw with the same inputs each time.
int drawn(redraw_policy& p, double start, int frames, const frame_inputs& in) {
  int n = 0;
  for (int i = 0; i < frames; ++i) n += p.should_draw(start + i * frame_ms, in) ? 1 : 0;
  return n;
}

TEST(RedrawPolicy, FirstFrameDrawsThenIdleOnlyAtTheHeartbeat) {
  redraw_policy p;
  EXPECT_TRUE(p.should_draw(0, {}));
  EXPECT_FALSE(p.should_draw(frame_ms, {}));
  // One idle second: two heartbeat frames (every 500 ms), nothing else.
  EXPECT_EQ(drawn(p, 2 * frame_ms, 60, {}), 2);
}

TEST(RedrawPolicy, InputDrawsAtOnceAndSettles) {
  redraw_policy p;
  p.should_draw(0, {});
  frame_inputs input;
  input.input = true;
  EXPECT_TRUE(p.should_draw(frame_ms, input));
  EXPECT_TRUE(p.should_draw(2 * frame_ms, {}));   // settle 1
  EXPECT_TRUE(p.should_draw(3 * frame_ms, {}));   // settle 2
  EXPECT_FALSE(p.should_draw(4 * frame_ms, {}));  // then quiet
}

TEST(RedrawPolicy, IdleOnlyWhenNothingIsOwed) {
  redraw_policy p;
  EXPECT_FALSE(p.idle());  // the first frame
  p.should_draw(0, {});
  EXPECT_TRUE(p.idle());
  frame_inputs input;
  input.input = true;
  p.should_draw(frame_ms, input);
  EXPECT_FALSE(p.idle());  // settle frames owed
  p.should_draw(2 * frame_ms, {});
  p.should_draw(3 * frame_ms, {});
  EXPECT_TRUE(p.idle());
  frame_inputs anim;
  anim.animating = true;
  // Capped: not drawn, and nothing owed (the caller keeps asking because it animates).
  EXPECT_FALSE(p.should_draw(3.5 * frame_ms, anim));
  EXPECT_TRUE(p.idle());
}

TEST(RedrawPolicy, StateChangeDrawsEveryTime) {
  redraw_policy p;
  frame_inputs state;
  state.state = true;
  EXPECT_EQ(drawn(p, 0, 30, state), 30);
}

TEST(RedrawPolicy, AnimationIsCappedAtItsInterval) {
  redraw_policy p;
  p.should_draw(0, {});
  frame_inputs anim;
  anim.animating = true;
  // Every animation frame asks (60 a second): drawn at most every 30 ms.
  const int n = drawn(p, 1000, 60, anim);
  EXPECT_GE(n, 25);
  EXPECT_LE(n, 34);
}

TEST(RedrawPolicy, TextEditingBlinksTheCaret) {
  redraw_policy p;
  p.should_draw(0, {});
  frame_inputs editing;
  editing.text_editing = true;
  const int n = drawn(p, 1000, 60, editing);  // about every 100 ms over one second
  EXPECT_GE(n, 8);
  EXPECT_LE(n, 10);
}

TEST(RedrawPolicy, ConfigurableIntervals) {
  redraw_config c;
  c.idle_interval_ms = 100;
  c.settle_frames = 0;
  redraw_policy p(c);
  EXPECT_TRUE(p.should_draw(0, {}));
  const int n = drawn(p, frame_ms, 60, {});  // one second at 100+ ms apart
  EXPECT_GE(n, 8);
  EXPECT_LE(n, 10);
}

}  // namespace
}  // namespace novatalk::render
