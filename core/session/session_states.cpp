// Names of the session enums, as the browser and the page API spell them.
#include "core/session/session_states.hpp"

#include <cstring>
#include <ostream>

namespace novatalk::session {

const char* to_string(screen s) {
  switch (s) {
    case screen::idle:
      return "idle";
    case screen::acquiring_media:
      return "acquiring_media";
    case screen::media_blocked:
      return "media_blocked";
    case screen::searching:
      return "searching";
    case screen::connecting:
      return "connecting";
    case screen::in_call:
      return "in_call";
  }
  return "?";
}

const char* to_string(socket_state s) {
  switch (s) {
    case socket_state::connecting:
      return "connecting";
    case socket_state::open:
      return "open";
    case socket_state::closed:
      return "closed";
    case socket_state::reconnecting:
      return "reconnecting";
  }
  return "?";
}

const char* to_string(peer_state s) {
  switch (s) {
    case peer_state::fresh:
      return "new";
    case peer_state::connecting:
      return "connecting";
    case peer_state::connected:
      return "connected";
    case peer_state::disconnected:
      return "disconnected";
    case peer_state::failed:
      return "failed";
    case peer_state::closed:
      return "closed";
  }
  return "?";
}

const char* to_string(sdp_type t) { return t == sdp_type::offer ? "offer" : "answer"; }
const char* to_string(track_kind k) { return k == track_kind::audio ? "audio" : "video"; }
const char* to_string(chat_from f) {
  switch (f) {
    case chat_from::me:
      return "me";
    case chat_from::stranger:
      return "stranger";
    case chat_from::system:
      return "system";
  }
  return "?";
}

const char* to_string(notice_id n) {
  switch (n) {
    case notice_id::none:
      return "none";
    case notice_id::camera_failed:
      return "camera_failed";
    case notice_id::microphone_failed:
      return "microphone_failed";
    case notice_id::relay_missing:
      return "relay_missing";
    case notice_id::relay_refused:
      return "relay_refused";
    case notice_id::relay_retry:
      return "relay_retry";
    case notice_id::stranger_lost:
      return "stranger_lost";
    case notice_id::stranger_unreachable:
      return "stranger_unreachable";
    case notice_id::reported:
      return "reported";
  }
  return "?";
}

std::ostream& operator<<(std::ostream& os, screen s) { return os << to_string(s); }
std::ostream& operator<<(std::ostream& os, socket_state s) { return os << to_string(s); }
std::ostream& operator<<(std::ostream& os, peer_state s) { return os << to_string(s); }
std::ostream& operator<<(std::ostream& os, sdp_type t) { return os << to_string(t); }
std::ostream& operator<<(std::ostream& os, track_kind k) { return os << to_string(k); }
std::ostream& operator<<(std::ostream& os, notice_id n) { return os << to_string(n); }

peer_state peer_state_from_string(const char* name) {
  for (peer_state s : {peer_state::fresh, peer_state::connecting, peer_state::connected,
                       peer_state::disconnected, peer_state::failed, peer_state::closed}) {
    if (std::strcmp(name, to_string(s)) == 0) return s;
  }
  return peer_state::failed;
}

}  // namespace novatalk::session
