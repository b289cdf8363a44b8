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
  // As typed; the session normalises them. nullopt: the interests set before (ui_set_interests).
  std::optional<std::vector<std::string>> interests;
  std::optional<protocol::chat_mode> mode;  // nullopt: the mode chosen before (ui_set_mode)
};
struct ui_next {};
struct ui_stop {};
struct ui_continue_without_media {};
struct ui_toggle_mic {};
struct ui_toggle_camera {};
struct ui_set_mode {
  protocol::chat_mode mode = protocol::chat_mode::video;  // text: never asks for a camera
};
// "Hide my IP": only TURN-relayed candidates, so the stranger sees the relay's address.
struct ui_set_relay_only {
  bool relay_only = false;
};
struct ui_set_interests {
  std::vector<std::string> interests;  // as typed; used by the next join
};
struct ui_preview {};  // landing screen in video mode: get the camera for the self-view
struct ui_send_chat {
  std::string text;  // as typed; sanitised by the session
};
struct ui_chat_typing {};  // the chat box was edited
struct ui_report {
  std::string reason;  // nudity, harassment, spam, underage, other
};
struct ui_select_device {
  track_kind kind = track_kind::video;
  std::string device_id;
};

struct media_granted {
  bool has_audio = true;
  bool has_video = true;
};
struct media_denied {
  std::string reason;  // DOMException name, e.g. NotAllowedError, NotFoundError
  // The frame's permissions policy forbids the camera or microphone (document.featurePolicy):
  // the embedding page's iframe has no allow="camera; microphone".
  bool blocked_by_policy = false;
};

// enumerateDevices() answered (at start, after a permission, on devicechange).
struct devices_listed {
  std::vector<media_device> cameras;
  std::vector<media_device> microphones;
};
// A device switch finished: the new track replaced the old one (ok) or could not be opened.
struct device_switched {
  track_kind kind = track_kind::video;
  std::string device_id;
  bool ok = true;
  std::string reason;  // DOMException name when !ok
};

struct socket_opened {};
struct socket_closed {
  int code = 1006;
  // The close frame's reason. A draining server says 1001 "retry:<ms>": come back after a
  // random delay below ms instead of the backoff.
  std::string reason;
};
// navigator.onLine went false / true (the window's offline and online events; at load the
// adapter sends network_offline first when the browser starts offline). No attempts while
// offline; one at once when back online.
struct network_offline {};
struct network_online {};
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
// An ICE server refused us while gathering (RTCPeerConnectionIceErrorEvent). Only the STUN/TURN
// error code crosses: the event's address and URL fields are never read.
struct peer_ice_server_error {
  std::uint64_t call_id = 0;
  int code = 0;  // 401: the TURN login was refused (expired, or a secret coturn doesn't share)
};
// The negotiated data channel (id 0) of a call: chat, typing and media state travel on it.
struct peer_channel_open {
  std::uint64_t call_id = 0;
};
// The call's data channel closed and we did not close it: the stranger's browser closed its peer
// connection (tab closed, crashed, or it gave up on the call). Sooner than the server can know
// when their WebSocket dropped without a close frame (it then waits out the resume grace).
struct peer_channel_closed {
  std::uint64_t call_id = 0;
};
struct peer_channel_message {
  std::uint64_t call_id = 0;
  std::string text;  // untrusted: straight from the stranger's browser
};

// -1 means "not reported by this browser (yet)".
struct call_stats {
  double frames_decoded = 0;     // inbound video, cumulative
  double frames_per_second = 0;  // inbound video
  double rtt_ms = -1;            // selected candidate pair
  std::string candidate_type;    // local candidate of the selected pair: host/srflx/prflx/relay
  std::string remote_candidate_type;       // the stranger's side of the selected pair
  double packets_received = -1;            // inbound RTP, all media, cumulative
  double packets_lost = -1;                // inbound RTP, all media, cumulative
  double available_outgoing_bitrate = -1;  // bits per second, selected candidate pair
};
struct peer_stats {
  std::uint64_t call_id = 0;
  call_stats stats;
};

struct tick {
  time_point now{0};
};

using event =
    std::variant<page_loaded, ui_start, ui_next, ui_stop, ui_continue_without_media, ui_toggle_mic,
                 ui_toggle_camera, ui_set_mode, ui_set_relay_only, ui_set_interests, ui_preview,
                 ui_send_chat, ui_chat_typing, ui_report, ui_select_device, media_granted,
                 media_denied, devices_listed, device_switched, socket_opened, socket_closed,
                 network_offline, network_online, socket_message, peer_local_description, peer_local_candidate,
                 peer_connection_state, peer_error, peer_ice_server_error, peer_channel_open,
                 peer_channel_closed, peer_channel_message, peer_stats, tick>;

}  // namespace novatalk::session
