// When the client draws a UI frame. The browser calls the main loop on every animation frame;
// drawing only when something changed keeps an idle page near 0% CPU (docs/performance.md).
// Platform-free: the main loop reports what happened, this says whether to draw.
#pragma once

namespace novatalk::render {

struct redraw_config {
  // After any change ImGui needs a frame or two to settle (hover, a window's size, focus).
  int settle_frames = 2;
  // Animations (the spinner, the typing dots) redraw at most this often, not on every animation
  // frame. Video is no reason to draw: the page composites <video> elements under the canvas.
  double animation_interval_ms = 30;
  // With nothing at all happening, still draw this often: time-based text (a ban's minutes,
  // "Stranger is typing" ending) and browser changes nothing reports (a blocked autoplay).
  double idle_interval_ms = 500;
  // While a text field is being edited its caret blinks.
  double text_input_interval_ms = 100;
};

// What happened since the last animation frame.
struct frame_inputs {
  bool input = false;         // mouse, touch, keys, the hidden input, a resize
  bool state = false;         // a session event, a font or size change, the first frame
  bool animating = false;     // the last drawn frame showed an animation (spinner, dots)
  bool text_editing = false;  // the last drawn frame had a text field active
};

class redraw_policy {
 public:
  explicit redraw_policy(redraw_config c = {}) : config_(c) {}

  // Whether to draw at `now_ms`; when it says yes, the frame counts as drawn.
  bool should_draw(double now_ms, const frame_inputs& in);
  // Nothing owed: no settle frame. With no animation and no text field being edited, the caller
  // may stop asking every animation frame until woken.
  bool idle() const { return settle_left_ == 0; }

 private:
  redraw_config config_;
  int settle_left_ = 1;  // the first frame is always drawn
  double last_draw_ms_ = -1e300;
};

}  // namespace novatalk::render
