// Everything the client session reacts to: the person (ui_*), the camera (media_*), the
// signaling socket (socket_*), the peer connection of one call (peer_*, tagged with call_id), time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/protocol/messages.hpp"
#include "core/session/session_states.hpp"

namespace novatalk::session {

struct page_loaded {};  // the adapters are ready: open the socket, tell the embedding page

struct ui_start {
  std::vector<std::string> interests;  // as typed; the session normalises them
};
struct ui_next {};
struct ui_stop {};
struct ui_continue_without_media {};
struct ui_toggle_mic {};
struct ui_toggle_camera {};

struct media_granted {
  bool has_audio = true;
  bool has_video = true;
};
struct media_denied {
  std::string reason;  // DOMException name, e.g. NotAllowedError, NotFoundError
};

struct socket_opened {};
struct socket_closed {
  int code = 1006;
};
struct socket_message {
  protocol::server_message message;  // already decoded and validated by the codec
};

struct peer_local_description {
  std::uint64_t call_id = 0;
  sdp_type type = sdp_type::offer;
  std::string sdp;
};
struct peer_local_candidate {
  std::uint64_t call_id = 0;
  std::optional<protocol::ice_candidate> candidate;  // nullopt: gathering finished
};
struct peer_connection_state {
  std::uint64_t call_id = 0;
  peer_state state = peer_state::fresh;
};
struct peer_error {
  std::uint64_t call_id = 0;
  std::string message;
};
struct call_stats {
  double frames_decoded = 0;     // inbound video, cumulative
  double frames_per_second = 0;  // inbound video
  double rtt_ms = -1;            // selected candidate pair; -1 when unknown
  std::string candidate_type;    // local candidate of the selected pair: host/srflx/prflx/relay
};
struct peer_stats {
  std::uint64_t call_id = 0;
  call_stats stats;
};

struct tick {
  time_point now{0};
};

using event = std::variant<page_loaded, ui_start, ui_next, ui_stop, ui_continue_without_media,
                           ui_toggle_mic, ui_toggle_camera, media_granted, media_denied,
                           socket_opened, socket_closed, socket_message, peer_local_description,
                           peer_local_candidate, peer_connection_state, peer_error, peer_stats,
                           tick>;

}  // namespace novatalk::session
