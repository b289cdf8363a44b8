// Time-limited TURN credentials in the TURN REST API scheme that coturn implements with
// `use-auth-secret`: username "<expiry-unix-time>:<random-id>", password
// base64(HMAC-SHA1(shared secret, username)). The secret never leaves the server.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace novatalk::server {

struct turn_credential {
  std::string username;
  std::string password;
  std::int64_t expires_at = 0;  // unix seconds
};

// Standard base64 with padding (also the WebSocket handshake's Sec-WebSocket-Accept).
std::string base64(std::string_view bytes);
// base64(HMAC-SHA1(key, message)), standard alphabet with padding (what coturn compares).
std::string hmac_sha1_base64(std::string_view key, std::string_view message);
// The raw 32 bytes of HMAC-SHA256(key, message) (resume tokens).
std::string hmac_sha256(std::string_view key, std::string_view message);

// `random_id` names the connection to coturn's logs without saying who it is; the caller draws it
// (random_turn_id) so tests can pass a fixed one.
turn_credential mint_turn_credential(std::string_view secret, std::int64_t now_unix,
                                     std::chrono::seconds ttl, std::string_view random_id);

// 16 random bytes as 32 hex characters, from OpenSSL's CSPRNG.
std::string random_turn_id();

}  // namespace novatalk::server
