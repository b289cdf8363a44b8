// Everything the client session asks its adapters to do. Nothing is scheduled implicitly: the
// adapter feeds `tick` events and the session acts on time when it sees them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/protocol/messages.hpp"
#include "core/session/session_states.hpp"

namespace novatalk::session {

struct open_socket {
  std::string url;
};
struct send_message {
  protocol::client_message message;
};
struct request_media {  // getUserMedia audio + video, on the chosen devices ("" = default)
  std::string camera_id;
  std::string microphone_id;
};
struct list_devices {};  // enumerateDevices(); answers with devices_listed
// Open the chosen device and put its track in place of the old one, in the local stream and,
// during a call, in the RTCRtpSender (replaceTrack: no renegotiation). Answers device_switched.
struct switch_device {
  track_kind kind = track_kind::video;
  std::string device_id;
};
struct release_media {};  // stop the local tracks (camera light off), drop pending requests
struct set_track_enabled {
  track_kind kind = track_kind::audio;
  bool enabled = true;
};
struct create_peer {
  std::uint64_t call_id = 0;
  protocol::role role = protocol::role::initiator;  // the initiator creates the offer
  std::string ice_servers_json = "[]";
  bool with_media = true;   // false in text mode: the connection carries the data channel only
  bool relay_only = false;  // iceTransportPolicy "relay": no host or server-reflexive candidates
};
// The initiator's answer to ICE `disconnected`: restartIce() and a new offer (iceRestart), which
// reaches the session as a peer_local_description like the first one.
struct restart_ice {
  std::uint64_t call_id = 0;
};
struct send_peer_message {  // over the call's data channel
  std::uint64_t call_id = 0;
  std::string text;
};
struct apply_remote_description {
  std::uint64_t call_id = 0;
  sdp_type type = sdp_type::offer;  // an offer must be answered by the adapter
  std::string sdp;
};
struct add_remote_candidate {
  std::uint64_t call_id = 0;
  std::optional<protocol::ice_candidate> candidate;  // nullopt: end of candidates
};
struct close_peer {
  std::uint64_t call_id = 0;
};
struct emit_page_event {
  std::string name;
  nlohmann::json fields = nlohmann::json::object();
};

using action = std::variant<open_socket, send_message, request_media, release_media, list_devices,
                            switch_device, set_track_enabled, create_peer, restart_ice,
                            apply_remote_description, add_remote_candidate, send_peer_message,
                            close_peer, emit_page_event>;
using actions = std::vector<action>;

}  // namespace novatalk::session
