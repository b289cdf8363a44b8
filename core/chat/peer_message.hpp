// The messages the two browsers send each other over the RTCDataChannel (docs/protocol.md,
// "Data channel messages"): chat text, typing, and the sender's mic/camera state. JSON text,
// one object per message; the server never sees them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

#include "core/util/result.hpp"

namespace novatalk::chat {

// Largest frame either side sends or accepts. A chat message of kMaxChatCodePoints characters
// is at most about 4 KiB of JSON (4 bytes per character at worst), so any honest frame fits.
inline constexpr std::size_t kMaxPeerFrameBytes = 8 * 1024;

struct chat_message {
  std::string text;  // sanitised (sanitize_chat_text), never empty once decoded
};
struct typing_message {
  bool active = false;
};
struct media_state_message {
  bool mic_on = true;
  bool camera_on = true;
};
using peer_message = std::variant<chat_message, typing_message, media_state_message>;

enum class peer_error_code {
  too_large,     // frame over kMaxPeerFrameBytes
  malformed,     // not JSON, not an object, or 'type' missing / not a string
  unknown_type,  // a type this version does not know (a newer peer): ignore it
  bad_field,     // a field missing or of the wrong type
  empty_text,    // a chat message with nothing left after sanitising
};
const char* to_string(peer_error_code c);

struct peer_error {
  peer_error_code code = peer_error_code::malformed;
  std::string message;  // for logs and tests: never echoes the input
};

// Chat text is sanitised here too, so a frame is always within kMaxPeerFrameBytes; callers
// check sanitize_chat_text(text) is not empty before sending a chat message.
std::string encode_peer_message(const peer_message& m);

// Never trusts the sender: every field's type is checked, chat text is sanitised, unknown
// fields are ignored (room for additions), and no input can throw or abort.
result<peer_message, peer_error> decode_peer_message(std::string_view frame);

}  // namespace novatalk::chat
