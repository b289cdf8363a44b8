// What every screen of the UI gets for one frame: the session to draw from, the videos, the
// events to send back (and where the videos show), the page host, the text fields' frame and the
// layout's boxes.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

#include "core/session/client_session.hpp"
#include "wasm/ui_host.hpp"
#include "wasm/ui_layout.hpp"
#include "wasm/ui_text.hpp"
#include "wasm/ui_text_field.hpp"
#include "wasm/ui_widgets.hpp"

namespace novatalk::client {

struct ui_input {
  const session::client_session* session = nullptr;
  video_frame remote;
  video_frame local;
  bool sound_blocked = false;  // the browser refused autoplay with sound
  float scale = 1.0f;          // devicePixelRatio: sizes are CSS pixels times this
  double time_seconds = 0;     // for the typing dots
};

struct ui_output {
  std::vector<session::event> events;
  bool enable_sound = false;
  video_place remote;  // where the <video> elements show this frame; hidden unless drawn
  video_place local;
};

struct frame_ctx {
  const ui_input& in;
  const session::client_session& s;
  ui_output& out;
  ui_host& host;
  text_frame& text;
  layout::frame_boxes boxes;
  float k;  // canvas pixels per CSS pixel

  std::vector<named_box>* regions;  // this frame's named parts, for host.publish_regions

  float px(float css) const { return css * k; }
  void send(session::event e) const { out.events.push_back(std::move(e)); }
  css_box css(ImVec2 min, ImVec2 max) const {
    return {min.x / k, min.y / k, (max.x - min.x) / k, (max.y - min.y) / k};
  }
  void region(const char* name, ImVec2 min, ImVec2 max) const {
    regions->push_back({name, css(min, max)});
  }
  // A video over [min, max]: the canvas turns transparent there and `slot` (out.remote or
  // out.local) places its <video> beneath to match. Drawn after it stays on top of the video.
  void video(video_place& slot, ImVec2 min, ImVec2 max, float rounding, bool mirror) const {
    widgets::video_hole(ImGui::GetWindowDrawList(), min, max, rounding);
    slot = {true, css(min, max), mirror};
  }
  void region(const char* name, const layout::box& b) const {
    region(name, ImVec2(b.x, b.y), ImVec2(b.right(), b.bottom()));
  }
  void last_item_region(const char* name) const {
    region(name, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  }
};

// "12 online", or what the signaling socket is doing while it is not open.
inline std::string online_text(const session::client_session& s) {
  if (s.socket() == session::socket_state::open)
    return tr(text_id::online_count, std::to_string(s.online_count()));
  return tr(s.reconnect_attempt() > 0 ? text_id::reconnecting_server : text_id::connecting_server);
}

}  // namespace novatalk::client
