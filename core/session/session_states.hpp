// The states a person sees (screen), the signaling socket's state, and the peer connection's
// state mirroring W3C RTCPeerConnectionState, each printable for logs, tests and the page API.
#pragma once

#include <chrono>
#include <iosfwd>
#include <string>

namespace novatalk::session {

// Injected clock: milliseconds since an origin the adapter picks (performance.now() in browsers).
using time_point = std::chrono::milliseconds;

enum class screen {
  idle,             // landing page
  acquiring_media,  // waiting for camera/microphone permission
  media_blocked,    // denied or no device: offers "continue without video"
  searching,        // queued for a stranger (also while the socket reconnects)
  connecting,       // matched, ICE not connected yet
  in_call,          // ICE connected
};

// W3C WebSocket readyState names, plus the waiting time between attempts.
enum class socket_state { connecting, open, closed, reconnecting };

// W3C RTCPeerConnectionState. `new` is a C++ keyword, hence `fresh`; to_string gives "new".
enum class peer_state { fresh, connecting, connected, disconnected, failed, closed };

enum class sdp_type { offer, answer };

// One line of the text chat's transcript; `system` lines are NovaTalk's own ("Stranger left").
enum class chat_from { me, stranger, system };
struct chat_line {
  chat_from from = chat_from::system;
  std::string text;  // sanitised (core/chat/chat_text.hpp) before it gets here
};

// A short message the session shows for a few seconds (notice_duration). An id, not text: the UI
// says it in the person's language (core/i18n), at draw time.
enum class notice_id {
  none,
  camera_failed,         // a picked camera could not be opened
  microphone_failed,     // a picked microphone could not be opened
  relay_missing,         // Hide my IP, but the server offers no TURN relay
  relay_refused,         // the TURN relay refused the credentials (401)
  relay_retry,           // direct ICE failed: retrying through the relay
  stranger_lost,         // a connected call dropped: searching again
  stranger_unreachable,  // a call never connected: searching again
  reported,              // thanks for the report
};

// A camera or microphone as navigator.mediaDevices.enumerateDevices() lists it.
struct media_device {
  std::string id;     // deviceId
  std::string label;  // empty until the person has granted a permission
};
enum class track_kind { audio, video };

const char* to_string(screen s);
const char* to_string(socket_state s);
const char* to_string(peer_state s);
const char* to_string(sdp_type t);
const char* to_string(track_kind k);
const char* to_string(chat_from f);
const char* to_string(notice_id n);

std::ostream& operator<<(std::ostream& os, screen s);
std::ostream& operator<<(std::ostream& os, socket_state s);
std::ostream& operator<<(std::ostream& os, peer_state s);
std::ostream& operator<<(std::ostream& os, sdp_type t);
std::ostream& operator<<(std::ostream& os, track_kind k);
std::ostream& operator<<(std::ostream& os, notice_id n);

// Parses W3C connectionState strings; unknown names map to `failed` (the safe reading).
peer_state peer_state_from_string(const char* name);

}  // namespace novatalk::session
