// The browser client: owns the session and the adapters, turns adapter callbacks into session
// events and executes the session's actions. One instance, created once config.json is known.
#pragma once

#include <deque>
#include <functional>
#include <string>

#include "core/session/client_session.hpp"
#include "wasm/media.hpp"
#include "wasm/network_status.hpp"
#include "wasm/page_exit.hpp"
#include "wasm/page_api.hpp"
#include "wasm/peer_connection.hpp"
#include "wasm/signaling_socket.hpp"
#include "wasm/ui.hpp"
#include "wasm/video_view.hpp"

namespace novatalk::client {

class app {
 public:
  app(std::string signal_url, page_api& page);
  app(const app&) = delete;
  app& operator=(const app&) = delete;

  // Called whenever something changed that is worth a redraw (main.cpp wakes its loop).
  void on_change(std::function<void()> f) { on_change_ = std::move(f); }
  // Feeds an event; events raised while one is handled wait their turn (no re-entrancy).
  void dispatch(session::event e);
  void command(const std::string& cmd);  // page API: start, next, stop
  void tick(double now_ms);              // also from a timer, when frames are throttled
  // What changed since the last prepare(): worth a redraw (core/render/redraw_policy).
  struct changes {
    bool state = false;  // a session event was handled, or a video got (or lost) its picture
  };
  // Every animation frame, before deciding to draw: tick, look at the videos' readiness.
  changes prepare(double now_ms);
  // One drawn frame: the UI, inside an ImGui frame (after prepare()).
  void frame(double now_ms, float scale);

 private:
  void execute(const session::action& a);

  page_api& page_;
  session::client_session session_;
  signaling_socket socket_;
  network_status network_;
  media media_;
  peer_connections peers_;
  page_exit page_exit_;
  video_view remote_video_{false};
  video_view local_video_{true};
  ui ui_;
  std::deque<session::event> queue_;
  bool dispatching_ = false;
  bool changed_ = true;  // an event other than a quiet tick was handled: redraw
  std::function<void()> on_change_;
  double last_stats_ms_ = 0;
};

}  // namespace novatalk::client
