// The call screen (searching, connecting, in a call): the stranger's video as the hero with
// its overlays (quality, common interests, camera off, reconnecting), our own video in the
// corner, the controls (Stop, mic, camera, Report, Next) and the chat beside or below.
// In text mode the chat is the whole screen.
#pragma once

#include "wasm/ui_chat_panel.hpp"
#include "wasm/ui_context.hpp"
#include "wasm/ui_devices.hpp"

namespace novatalk::client {

class call_screen {
 public:
  // `esc_armed`: a first Esc waits for its second (show the hint).
  void draw(frame_ctx& c, bool esc_armed);
  // The Report or the devices menu is open (Esc closes it, and does nothing else).
  bool menu_open() const { return report_open_ || devices_open_; }
  void close_menus() { close_menus_ = true; }

 private:
  void draw_hero(frame_ctx& c, const layout::call_boxes& b, bool esc_armed);
  void draw_pip(frame_ctx& c, const layout::box& b);
  void draw_controls(frame_ctx& c, const layout::box& b, bool text_mode);
  void draw_text_status(frame_ctx& c, float x, float y, float width);
  void draw_report(frame_ctx& c);
  void draw_devices(frame_ctx& c);

  chat_panel chat_;
  bool report_open_ = false;
  bool report_by_keyboard_ = false;  // opened with Enter/Space: the focus ring goes into it
  bool close_report_ = false;
  bool close_menus_ = false;  // Esc: closed in the next frame's popups
  ImVec2 report_anchor_;
  bool devices_open_ = false;
  ImVec2 devices_anchor_;  // the top-right corner of our own video
};

}  // namespace novatalk::client
