// RTCPeerConnection adapter: one browser peer connection per call id. Browser callbacks carry
// the call id and do nothing once that call is closed, so an old call never reaches the session.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include <emscripten/val.h>

#include "core/protocol/messages.hpp"
#include "core/session/session_events.hpp"

namespace novatalk::client {

class peer_connections {
 public:
  struct callbacks {
    std::function<void(session::event)> on_event;  // peer_* events for the session
    std::function<void(std::uint64_t call_id, const emscripten::val& stream)> on_remote_stream;
  };

  explicit peer_connections(callbacks cb);
  ~peer_connections();
  peer_connections(const peer_connections&) = delete;
  peer_connections& operator=(const peer_connections&) = delete;

  // `local_stream` may be null: then the initiator offers to receive audio and video only.
  // Without media (text mode) the connection carries the data channel alone. Both sides
  // create the same negotiated data channel (id 0), so neither waits for `datachannel`.
  void create(std::uint64_t call_id, protocol::role role, const std::string& ice_servers_json,
              const emscripten::val& local_stream, bool with_media, bool relay_only);
  void restart_ice(std::uint64_t call_id);  // restartIce() + a new offer (initiator only)
  // Over the call's data channel; false when it is not open or its buffer is full.
  bool send(std::uint64_t call_id, const std::string& text);
  // Puts `track` in place of the sender's track of its kind (no renegotiation), then stops
  // `old` (may be null). Without this call's sender, `old` is stopped at once.
  void replace_track(std::uint64_t call_id, const emscripten::val& track,
                     const emscripten::val& old);
  void apply_remote_description(std::uint64_t call_id, session::sdp_type type,
                                const std::string& sdp);
  void add_remote_candidate(std::uint64_t call_id,
                            const std::optional<protocol::ice_candidate>& candidate);
  void close(std::uint64_t call_id);
  void close_all();
  void request_stats(std::uint64_t call_id);  // reports a peer_stats event later

  // Entry points for the exported JS callbacks.
  void handle_local_description_set(std::uint64_t call_id);
  void handle_remote_description_set(std::uint64_t call_id);
  void handle_candidate(std::uint64_t call_id, const emscripten::val& ev);
  void handle_state_change(std::uint64_t call_id);
  void handle_track(std::uint64_t call_id, const emscripten::val& ev);
  void handle_stats(std::uint64_t call_id, const emscripten::val& report);
  void handle_failure(std::uint64_t call_id, const emscripten::val& error);
  void handle_ice_error(std::uint64_t call_id, const emscripten::val& ev);
  void handle_channel_open(std::uint64_t call_id);
  void handle_channel_close(std::uint64_t call_id);
  void handle_channel_message(std::uint64_t call_id, const emscripten::val& ev);

 private:
  emscripten::val* find(std::uint64_t call_id);
  void fail(std::uint64_t call_id, const std::string& what);
  void set_local_description(std::uint64_t call_id, emscripten::val& pc);

  callbacks cb_;
  std::map<std::uint64_t, emscripten::val> peers_;
  std::map<std::uint64_t, emscripten::val> channels_;
  std::map<std::uint64_t, emscripten::val> remote_streams_;  // built from tracks without a stream
};

}  // namespace novatalk::client
