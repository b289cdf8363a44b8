// A hidden <video> element whose frames are uploaded into a WebGL texture, only when a new frame
// was presented (requestVideoFrameCallback, else a change of currentTime), for ImGui::Image.
#pragma once

#include <emscripten/val.h>

namespace novatalk::client {

class video_texture {
 public:
  // `muted`: the local preview never plays our own microphone back.
  explicit video_texture(bool muted);
  ~video_texture();
  video_texture(const video_texture&) = delete;
  video_texture& operator=(const video_texture&) = delete;

  void set_stream(const emscripten::val& stream);  // null detaches
  bool has_stream() const { return !stream_.isNull(); }

  // Uploads a new frame if one arrived (true: the picture changed, worth a redraw). Call once
  // per animation frame with a current GL context.
  bool update();
  bool has_frame() const { return width_ > 0 && uploaded_ > 0; }
  unsigned texture() const { return texture_; }
  int width() const { return width_; }
  int height() const { return height_; }

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
  bool frame_callback_ = false;  // requestVideoFrameCallback counts frames for us
  unsigned texture_ = 0;
  int width_ = 0;
  int height_ = 0;
  double last_frames_ = 0;
  unsigned frames_missing_ = 0;
  double last_time_ = -1;
  unsigned uploaded_ = 0;
};

}  // namespace novatalk::client
