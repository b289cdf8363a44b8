// The screens, drawn with Dear ImGui from the session's state. Platform-free (no Emscripten):
// it returns what the person did as session events, and the caller feeds them to the session.
#pragma once

#include <string>
#include <vector>

#include "core/session/client_session.hpp"

namespace novatalk::client {

struct video_frame {
  unsigned texture = 0;  // GL texture name; 0 or !ready: nothing to show yet
  int width = 0;
  int height = 0;
  bool ready = false;
};

struct ui_input {
  const session::client_session* session = nullptr;
  video_frame remote;
  video_frame local;
  bool sound_blocked = false;  // the browser refused autoplay with sound
  float scale = 1.0f;          // devicePixelRatio: sizes below are in CSS pixels
  double time_seconds = 0;     // for the spinner
};

struct ui_output {
  std::vector<session::event> events;
  bool enable_sound = false;
};

class ui {
 public:
  explicit ui(const std::vector<std::string>& initial_interests);
  ui_output draw(const ui_input& in);
  // The interests field as typed: a `start` command from the page uses it like the button.
  std::vector<std::string> interests() const;

 private:
  void draw_top_bar(const ui_input& in);
  void draw_banners(const ui_input& in);
  void draw_landing(const ui_input& in, ui_output& out);
  void draw_acquiring(const ui_input& in, ui_output& out);
  void draw_blocked(const ui_input& in, ui_output& out);
  void draw_call(const ui_input& in, ui_output& out);  // searching, connecting, in call

  char interests_[256] = {};
};

}  // namespace novatalk::client
