// The messages of wire protocol v1 (docs/protocol.md) as plain C++ values. The codec turns JSON
// text into these and back; nothing else in the project touches the JSON shape.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace novatalk::protocol {

// Limits of protocol v1. The server enforces them; the client never sends more.
inline constexpr std::size_t max_frame_bytes = 64 * 1024;  // larger frames: close 1009
inline constexpr std::size_t max_interests = 10;
inline constexpr std::size_t max_interest_chars = 32;  // characters, not bytes
inline constexpr std::size_t max_sdp_bytes = 32 * 1024;      // larger: error too_large
inline constexpr std::size_t max_candidate_bytes = 2 * 1024;  // per candidate string
inline constexpr std::size_t max_partner_chars = 64;          // join.partner: [a-z0-9._-]
inline constexpr std::size_t max_resume_token_bytes = 4096;   // resume.token (opaque to clients)

enum class chat_mode { video, text };
enum class role { initiator, responder };
enum class leave_reason { next, leave, disconnect };
enum class error_code {
  bad_message,
  not_matched,
  too_large,
  rate_limited,
  unavailable,
  banned,
  resume_failed,  // the resume token is unknown, spent, expired or forged: join afresh
};
enum class report_reason { nudity, harassment, spam, underage, other };

const char* to_string(chat_mode m);
const char* to_string(role r);
const char* to_string(leave_reason r);
const char* to_string(error_code c);
const char* to_string(report_reason r);

// --- Client to server -------------------------------------------------------------------------
struct join {
  std::vector<std::string> interests;  // normalised: lowercase, unique, in the order given
  chat_mode mode = chat_mode::video;
  std::string partner;  // the embedding partner site's id, for per-partner counts; "" = none
};

// A partner id the codec accepts: 1 to max_partner_chars of a-z, 0-9, '.', '_', '-'.
bool valid_partner(const std::string& id);
struct next {};
struct leave {};
// Report the current stranger: ends the call like `next` and the two are never paired again.
struct report {
  report_reason reason = report_reason::other;
};
// The first message on a new connection after a dropped one: take our pairing back.
struct resume {
  std::string token;  // as the server gave it (matched.resume or resume_token); opaque
};

// A resume token as the codec accepts it: 1 to max_resume_token_bytes of printable ASCII
// (the server's are base64url and a dot).
bool valid_resume_token(const std::string& token);

// While waiting in the queue (only to a server whose welcome lists "queued_offer"): the offer
// the server hands to the stranger with `matched` if we are the initiator. Never relayed as it
// is: it reaches nobody unless we are paired as the initiator while it is held.
struct queued_offer {
  std::string sdp;
};

// --- Relayed both ways, unchanged ---------------------------------------------------------------
struct webrtc_offer {
  std::string sdp;
};
struct webrtc_answer {
  std::string sdp;
};
// RTCIceCandidateInit; `end_of_candidates` is the protocol's `"candidate": null`.
struct ice_candidate {
  std::string candidate;
  std::optional<std::string> sdp_mid;
  std::optional<std::uint32_t> sdp_mline_index;
  std::optional<std::string> username_fragment;
};
struct webrtc_ice_candidate {
  std::optional<ice_candidate> candidate;  // nullopt = end of candidates
};

// --- Server to client ---------------------------------------------------------------------------
// The name of the queued offer feature in welcome.features (protocol.md, "Queued offer").
inline constexpr const char* feature_queued_offer = "queued_offer";

struct welcome {
  std::uint64_t online = 0;
  std::string ice_servers_json = "[]";  // a JSON array of RTCIceServer, passed to the browser as is
  // Wire field "features" (["queued_offer"]): this server takes `queued_offer`. Absent from an
  // older server, or one that cannot hand an offer over (--redis).
  bool queued_offer = false;
};
// Fresh TURN credentials before the ones of `welcome` expire (only when the server has TURN).
struct ice_servers {
  std::string ice_servers_json = "[]";  // like welcome's: a JSON array of RTCIceServer
};
struct matched {
  role my_role = role::initiator;
  std::vector<std::string> common;
  std::string resume_token;  // wire field "resume": the pairing's first token; "" = none (resume off)
  // Initiator only: the server handed our `queued_offer` to the stranger, right after its
  // `matched`; we wait for the answer. Wire field "offer_sent" (true, or absent).
  bool offer_sent = false;
};
// The pairing is ours again after `resume`; what the stranger sent meanwhile follows.
struct resumed {};
// A fresh resume token for the current pairing (the previous one is spent or about to expire).
struct resume_token {
  std::string token;
};
struct partner_left {
  leave_reason reason = leave_reason::disconnect;
};
struct online {
  std::uint64_t count = 0;
};
struct error {
  error_code code = error_code::bad_message;
  std::string message;
  // `banned` only: whole seconds until the ban ends (at least 1); sent as "retry_after".
  std::uint64_t retry_after = 0;
};

using client_message = std::variant<join, next, leave, report, webrtc_offer, webrtc_answer,
                                    webrtc_ice_candidate, resume, queued_offer>;
using server_message =
    std::variant<welcome, matched, webrtc_offer, webrtc_answer, webrtc_ice_candidate,
                 partner_left, online, error, ice_servers, resumed, resume_token>;

// True for the three messages the server relays to the stranger.
bool is_relay(const client_message& m);

}  // namespace novatalk::protocol
