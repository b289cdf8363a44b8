// Names of the protocol's enums as they appear on the wire, and the partner id's syntax.
#include "core/protocol/messages.hpp"

namespace novatalk::protocol {

const char* to_string(chat_mode m) { return m == chat_mode::text ? "text" : "video"; }

const char* to_string(role r) { return r == role::initiator ? "initiator" : "responder"; }

const char* to_string(leave_reason r) {
  switch (r) {
    case leave_reason::next: return "next";
    case leave_reason::leave: return "leave";
    case leave_reason::disconnect: return "disconnect";
  }
  return "disconnect";
}

const char* to_string(error_code c) {
  switch (c) {
    case error_code::bad_message: return "bad_message";
    case error_code::not_matched: return "not_matched";
    case error_code::too_large: return "too_large";
    case error_code::rate_limited: return "rate_limited";
    case error_code::unavailable: return "unavailable";
    case error_code::banned: return "banned";
    case error_code::resume_failed: return "resume_failed";
  }
  return "bad_message";
}

const char* to_string(report_reason r) {
  switch (r) {
    case report_reason::nudity: return "nudity";
    case report_reason::harassment: return "harassment";
    case report_reason::spam: return "spam";
    case report_reason::underage: return "underage";
    case report_reason::other: return "other";
  }
  return "other";
}

// A tight alphabet: the id ends up in the server's /metrics labels and log lines as it is.
bool valid_partner(const std::string& id) {
  if (id.empty() || id.size() > max_partner_chars) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                    c == '-';
    if (!ok) return false;
  }
  return true;
}

// Tokens are the server's own (base64url and dots in practice); anything else is refused before
// it is looked at, so a hostile one can neither be long nor carry control characters.
bool valid_resume_token(const std::string& token) {
  if (token.empty() || token.size() > max_resume_token_bytes) return false;
  for (char c : token) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

bool is_relay(const client_message& m) {
  return std::holds_alternative<webrtc_offer>(m) || std::holds_alternative<webrtc_answer>(m) ||
         std::holds_alternative<webrtc_ice_candidate>(m);
}

}  // namespace novatalk::protocol
