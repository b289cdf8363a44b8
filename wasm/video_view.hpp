// A <video> element beneath the canvas (js/glue.js, Module.ntVideo): the browser composites its
// frames where the UI leaves the canvas transparent (widgets::video_hole), so no frame passes
// through wasm or WebGL and a new frame is no reason to redraw. Moved only when its place changes.
#pragma once

#include <emscripten/val.h>

#include "wasm/ui_host.hpp"

namespace novatalk::client {

class video_view {
 public:
  // `muted`: the local preview never plays our own microphone back.
  explicit video_view(bool muted);
  ~video_view();
  video_view(const video_view&) = delete;
  video_view& operator=(const video_view&) = delete;

  void set_stream(const emscripten::val& stream);  // null detaches

  // Reads whether the element has a picture and its size; true when that changed since the last
  // call (a first frame, a new camera size: worth a redraw). The element's `loadeddata` and
  // `resize` wake the main loop for it.
  bool poll();
  const video_frame& frame() const { return frame_; }

  // Shows the element over the UI's box (mirrored or not), or hides it. The DOM is touched only
  // when the place differs from the last one.
  void place(const video_place& p);

  // False when the browser refused to play with sound (autoplay policy): the caller shows a
  // button and calls unmute() from a click.
  bool sound_blocked() const { return sound_blocked_; }
  void unmute();
  void handle_play_rejected();

 private:
  void play();

  emscripten::val video_;
  emscripten::val stream_;
  bool want_sound_;
  bool sound_blocked_ = false;
  video_frame frame_;
  video_place placed_;
};

}  // namespace novatalk::client
