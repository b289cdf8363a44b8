// Wiring between the session (pure) and the browser adapters.
#include "wasm/app.hpp"

#include <emscripten.h>

#include <cstdio>
#include <random>
#include <type_traits>
#include <variant>

#include "core/protocol/codec.hpp"
#include "core/session/page_command.hpp"
#include "wasm/browser_host.hpp"

namespace novatalk::client {
namespace {

session::session_config make_config(std::string url, std::string partner) {
  session::session_config c;
  c.signal_url = std::move(url);
  c.partner = std::move(partner);
  return c;
}

double unit_random() {
  // Math.random-quality jitter is all the backoff needs; seeded per page from the clock.
  static std::minstd_rand rng(static_cast<unsigned>(emscripten_get_now() * 1000.0));
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

template <class... F>
struct overloaded : F... {
  using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

}  // namespace

app::app(std::string signal_url, page_api& page)
    : page_(page),
      session_(make_config(std::move(signal_url), page.params().partner), unit_random),
      socket_({[this] { dispatch(session::socket_opened{}); },
               [this](const std::string& text) {
                 auto decoded = protocol::decode_server(text);
                 if (!decoded) {
                   std::fprintf(stderr, "[novatalk] bad server message: %s\n",
                                decoded.error().message.c_str());
                   return;
                 }
                 dispatch(session::socket_message{std::move(decoded.value())});
               },
               [this](int code, const std::string& reason) {
                 dispatch(session::socket_closed{code, reason});
               }}),
      network_([this](bool online) {
        if (online) {
          dispatch(session::network_online{});
        } else {
          dispatch(session::network_offline{});
        }
      }),
      media_({[this](bool audio, bool video) {
                local_video_.set_stream(media_.stream());
                dispatch(session::media_granted{audio, video});
              },
              [this](const std::string& reason, bool blocked_by_policy) {
                dispatch(session::media_denied{reason, blocked_by_policy});
              },
              [this](std::vector<session::media_device> cameras,
                     std::vector<session::media_device> microphones) {
                dispatch(session::devices_listed{std::move(cameras), std::move(microphones)});
              },
              [this](session::track_kind kind, const std::string& device_id, bool ok,
                     const std::string& reason, const emscripten::val& track,
                     const emscripten::val& old) {
                if (ok) {
                  // The call's connection, or the one prepared while queued (its offer is
                  // out already: replaceTrack needs no renegotiation).
                  peers_.replace_track(session_.media_call_id(), track, old);
                  if (kind == session::track_kind::video) local_video_.set_stream(media_.stream());
                }
                dispatch(session::device_switched{kind, device_id, ok, reason});
              }}),
      peers_({[this](session::event e) { dispatch(std::move(e)); },
              [this](std::uint64_t call_id, const emscripten::val& stream) {
                if (call_id == session_.call_id()) remote_video_.set_stream(stream);
              }}),
      // Leaving is said, not left to time-outs: the close frame tells the server, closing the
      // peer connection tells the stranger's browser directly (their data channel closes), so
      // either one reaching the other side frees the stranger at once (docs/client.md, "Resume").
      page_exit_([this] {
        peers_.close_all();
        socket_.say_goodbye();
      }),
      ui_(browser_host::page(), ui_options{page.params().autostart, page.params().interests,
                                           page.params().look.minimal}) {
  tick(emscripten_get_now());
  // A page that loads offline opens its socket when the browser is back online.
  if (!network_.online()) dispatch(session::network_offline{});
  dispatch(session::page_loaded{});
  if (page_.params().text_mode) dispatch(session::ui_set_mode{protocol::chat_mode::text});
  if (page_.params().relay_only) dispatch(session::ui_set_relay_only{true});
  if (!page_.params().interests.empty()) {
    dispatch(session::ui_set_interests{page_.params().interests});
  }
  // autostart: the UI starts once the age gate allows (ui_options).
}

void app::dispatch(session::event e) {
  queue_.push_back(std::move(e));
  if (dispatching_) return;
  dispatching_ = true;
  while (!queue_.empty()) {
    session::event next = std::move(queue_.front());
    queue_.pop_front();
    const auto actions = session_.handle(next);
    // A tick mostly changes nothing; one that acts (a timeout, a retry) may change the screen.
    if (!actions.empty() || !std::holds_alternative<session::tick>(next)) {
      changed_ = true;
      if (on_change_) on_change_();
    }
    for (const auto& a : actions) execute(a);
  }
  dispatching_ = false;
}

void app::command(const std::string& command_json) {
  auto parsed = session::parse_page_command(command_json);
  if (!parsed) {
    page_.post_event("error", {{"code", "bad_command"}, {"message", parsed.error().message}});
    return;
  }
  // The age gate comes first, for the page's commands too: a start waits until it is accepted.
  if (std::holds_alternative<session::ui_start>(parsed.value()) && !ui_.gate_accepted()) {
    ui_.request_start();
    return;
  }
  dispatch(std::move(parsed.value()));
}

void app::tick(double now_ms) {
  dispatch(session::tick{session::time_point{static_cast<long long>(now_ms)}});
  if (session_.current_screen() == session::screen::in_call && now_ms - last_stats_ms_ >= 1000) {
    last_stats_ms_ = now_ms;
    peers_.request_stats(session_.call_id());
  }
}

app::changes app::prepare(double now_ms) {
  tick(now_ms);
  changes c;
  // Both polled: each remembers its own change. New frames are no change: the page shows them.
  const bool remote = remote_video_.poll();
  const bool local = local_video_.poll();
  c.state = changed_ || remote || local;
  changed_ = false;
  return c;
}

void app::frame(double now_ms, float scale) {
  ui_input in;
  in.session = &session_;
  in.remote = remote_video_.frame();
  in.local = local_video_.frame();
  in.sound_blocked = remote_video_.sound_blocked();
  in.scale = scale;
  in.time_seconds = now_ms / 1000.0;
  ui_output out = ui_.draw(in);
  if (out.enable_sound) remote_video_.unmute();
  remote_video_.place(out.remote);
  local_video_.place(out.local);
  for (auto& e : out.events) dispatch(std::move(e));
}

void app::execute(const session::action& action) {
  std::visit(
      overloaded{
          [&](const session::open_socket& a) { socket_.open(a.url); },
          [&](const session::send_message& a) { socket_.send(protocol::encode(a.message)); },
          [&](const session::request_media& a) { media_.request(a.camera_id, a.microphone_id); },
          [&](const session::list_devices&) { media_.list_devices(); },
          [&](const session::switch_device& a) { media_.switch_device(a.kind, a.device_id); },
          [&](const session::restart_ice& a) { peers_.restart_ice(a.call_id); },
          [&](const session::send_peer_message& a) { peers_.send(a.call_id, a.text); },
          [&](const session::release_media&) {
            media_.release();
            local_video_.set_stream(emscripten::val::null());
          },
          [&](const session::set_track_enabled& a) { media_.set_enabled(a.kind, a.enabled); },
          [&](const session::create_peer& a) {
            remote_video_.set_stream(emscripten::val::null());
            peers_.create(a.call_id, a.role, a.ice_servers_json, media_.stream(), a.with_media,
                          a.relay_only);
          },
          [&](const session::apply_remote_description& a) {
            peers_.apply_remote_description(a.call_id, a.type, a.sdp);
          },
          [&](const session::add_remote_candidate& a) {
            peers_.add_remote_candidate(a.call_id, a.candidate);
          },
          [&](const session::close_peer& a) {
            peers_.close(a.call_id);
            remote_video_.set_stream(emscripten::val::null());
          },
          [&](const session::emit_page_event& a) {
            if (a.name != "stats") std::printf("[novatalk] event %s\n", a.name.c_str());
            page_.post_event(a.name, a.fields);
          },
      },
      action);
}

}  // namespace novatalk::client
