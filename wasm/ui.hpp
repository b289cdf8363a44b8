// The UI, drawn with Dear ImGui from the session's state: picks the screen, draws the top bar
// and footer, handles Esc (core/input/escape_key), the age gate, the hidden accessible buttons,
// and mirrors the state into the page's ARIA live regions. Platform-free: the page is reached
// through ui_host, and what the person did comes back as session events.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/input/escape_key.hpp"
#include "wasm/ui_call.hpp"
#include "wasm/ui_context.hpp"
#include "wasm/ui_landing.hpp"

namespace novatalk::client {

struct ui_options {
  bool autostart = false;                  // start as soon as the age gate allows
  std::vector<std::string> url_interests;  // from the URL: shown instead of the remembered ones
  bool minimal = false;                    // minimal=1: the landing's extras hidden
};

// localStorage keys.
inline constexpr const char* adult_key = "novatalk.adult";          // "1": gate accepted
inline constexpr const char* interests_key = "novatalk.interests";  // chips, a JSON array

class ui {
 public:
  ui(ui_host& host, const ui_options& options);
  ui_output draw(const ui_input& in);

  std::vector<std::string> interests() const { return landing_.interests().chips(); }
  // Nothing starts before the person said they are 18 or older (also not a page command).
  bool gate_accepted() const { return gate_accepted_; }
  void request_start() { start_requested_ = true; }  // runs once the gate is accepted

 private:
  void draw_background(frame_ctx& c);
  void draw_top_bar(frame_ctx& c);
  void draw_footer(frame_ctx& c);
  void handle_keys(frame_ctx& c, const key_presses& keys);
  void handle_actions(frame_ctx& c, const std::vector<page_action>& actions);
  void follow_session(frame_ctx& c);  // start, preview, interests set from outside
  void accept_gate();
  void announce(frame_ctx& c);

  ui_host& host_;
  landing_screen landing_;
  call_screen call_;
  input::escape_key esc_;
  bool minimal_ = false;
  bool gate_accepted_ = false;
  bool start_requested_ = false;
  bool preview_requested_ = false;
  bool interests_sent_ = false;
  std::vector<std::string> session_interests_;  // as the session had them last frame
  std::uint64_t last_call_id_ = 0;
  session::screen last_screen_ = session::screen::idle;
  std::string status_;  // what the live region says
  std::size_t chat_announced_ = 0;
};

}  // namespace novatalk::client
