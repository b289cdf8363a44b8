// Redraw decisions (see redraw_policy.hpp): changes draw at once, animations at a capped rate,
// and an otherwise idle page only at a slow heartbeat.
#include "core/render/redraw_policy.hpp"

namespace novatalk::render {

bool redraw_policy::should_draw(double now_ms, const frame_inputs& in) {
  const double since = now_ms - last_draw_ms_;
  bool draw = false;
  if (in.input || in.state) {
    draw = true;
    settle_left_ = config_.settle_frames;
  } else if (settle_left_ > 0) {
    draw = true;
    --settle_left_;
  } else if (in.animating) {
    draw = since >= config_.animation_interval_ms;
  } else if (in.text_editing) {
    draw = since >= config_.text_input_interval_ms;
  } else {
    draw = since >= config_.idle_interval_ms;
  }
  if (draw) last_draw_ms_ = now_ms;
  return draw;
}

}  // namespace novatalk::render
