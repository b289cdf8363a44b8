// The text chat: the transcript ("You" / "Stranger" bubbles, NovaTalk's own lines), "Stranger is
// typing…", and the message box (Enter or the send button sends; every edit says "typing").
#pragma once

#include <cstddef>

#include "wasm/ui_context.hpp"

namespace novatalk::client {

class chat_panel {
 public:
  chat_panel();
  void draw(frame_ctx& c, const layout::box& b);

 private:
  void draw_transcript(frame_ctx& c, float width, float height);
  void draw_input(frame_ctx& c, float width);
  void send(frame_ctx& c);

  text_field field_;
  std::size_t lines_seen_ = 0;  // transcript size last frame: scroll down when it grows
  bool at_bottom_ = true;
};

}  // namespace novatalk::client
