// The opening handshake's rules (see websocket_handshake.hpp). SHA-1 from OpenSSL (libcrypto),
// as for TURN credentials.
#include "server/websocket_handshake.hpp"

#include <openssl/evp.h>

#include <array>
#include <cctype>

#include "server/http_tokens.hpp"
#include "server/turn_credentials.hpp"

namespace novatalk::server {
namespace {

constexpr std::string_view guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

bool is_base64_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '/';
}

// 16 bytes in base64: 22 characters and "==".
bool is_key(std::string_view key) {
  if (key.size() != 24 || key.substr(22) != "==") return false;
  for (std::size_t i = 0; i < 22; ++i)
    if (!is_base64_char(key[i])) return false;
  return true;
}

}  // namespace

bool asks_for_websocket(const upgrade_request& req) {
  return req.get && req.http_version >= 11 && has_token(req.connection, "upgrade") &&
         has_token(req.upgrade, "websocket");
}

upgrade_check check_upgrade(const upgrade_request& req) {
  if (req.http_version != 11) return {upgrade_refusal::bad_request, "bad HTTP version"};
  if (!req.has_host) return {upgrade_refusal::bad_request, "no Host"};
  if (req.key.empty()) return {upgrade_refusal::bad_request, "no Sec-WebSocket-Key"};
  if (!is_key(req.key)) return {upgrade_refusal::bad_request, "bad Sec-WebSocket-Key"};
  if (trim_ows(req.version) != "13")
    return {upgrade_refusal::upgrade_required, "unsupported Sec-WebSocket-Version"};
  return {};
}

std::string websocket_accept(std::string_view key) {
  std::string input(key);
  input.append(guid);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_Digest(input.data(), input.size(), digest.data(), &size, EVP_sha1(), nullptr);
  return base64(std::string_view(reinterpret_cast<const char*>(digest.data()), size));
}

}  // namespace novatalk::server
