// Resume tokens (docs/protocol.md, "Resume after a dropped socket"): what a client shows to get
// its pairing back after its socket dropped. base64url(claim) "." base64url(HMAC-SHA256(key,
// first part)); the key is the server's (--resume-key-file), so a restarted process or another
// node checks tokens this one signed. Opaque to clients, never logged.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/protocol/messages.hpp"
#include "core/util/result.hpp"

namespace novatalk::server {

// What a token says. The pairing id and the side name the half of a pairing (random, so they
// survive a restart and mean the same on every node, unlike connection ids); the preferences
// let a process that never saw the pairing carry on with it (`next` joins the queue again).
struct resume_claim {
  std::string pairing;  // random per pairing, [0-9a-z-]{1,64}
  protocol::role side = protocol::role::initiator;
  std::int64_t expires_at = 0;  // unix seconds
  std::string nonce;            // random per token: each is accepted once
  protocol::chat_mode mode = protocol::chat_mode::video;
  std::vector<std::string> interests;  // normalised by the codec (no control characters)
};

enum class token_error { malformed, bad_signature, expired };
const char* to_string(token_error e);

std::string sign_resume_token(std::string_view key, const resume_claim& claim);
// Checks the signature before reading anything, then the expiry against `now_unix`.
result<resume_claim, token_error> verify_resume_token(std::string_view key, std::string_view token,
                                                      std::int64_t now_unix);

// The resume key: at least this many bytes.
inline constexpr std::size_t resume_key_bytes = 32;

// Reads the key from `path`, or creates the file (mode 0600, random bytes) when it does not
// exist. The error says what is wrong, without the key.
result<std::string, std::string> load_or_create_resume_key(const std::string& path);
// A random key for this process only (no key file: resume survives blips, not restarts).
std::string random_resume_key();

}  // namespace novatalk::server
