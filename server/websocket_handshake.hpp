// The WebSocket opening handshake (RFC 6455 section 4.2) without Beast: whether an upgrade
// request may be accepted, and the Sec-WebSocket-Accept of the 101 answer. http_session reads
// the request and writes the answer; this file only decides. No extension is ever accepted.
#pragma once

#include <string>
#include <string_view>

namespace novatalk::server {

// The parts of a request that decide an upgrade (header values as sent; empty when absent).
struct upgrade_request {
  bool get = false;
  unsigned http_version = 0;  // 11 for HTTP/1.1
  bool has_host = false;
  std::string_view connection;  // must list the token "upgrade"
  std::string_view upgrade;     // must list "websocket"
  std::string_view version;     // Sec-WebSocket-Version: must be "13"
  std::string_view key;         // Sec-WebSocket-Key: base64 of 16 bytes
};

// True when the request asks for a WebSocket at all (GET, HTTP/1.1 or later, Connection:
// upgrade, Upgrade: websocket); anything else at /ws is answered 426 as plain HTTP.
bool asks_for_websocket(const upgrade_request& req);

enum class upgrade_refusal {
  none,
  bad_request,       // 400: no Host, HTTP/1.0, a missing or malformed key
  upgrade_required,  // 426 with Sec-WebSocket-Version: 13: another protocol version
};
struct upgrade_check {
  upgrade_refusal refusal = upgrade_refusal::none;
  const char* why = "";  // the 400's body: which part was wrong (never echoes the request)
};
upgrade_check check_upgrade(const upgrade_request& req);

// base64(SHA-1(key + the RFC's GUID)).
std::string websocket_accept(std::string_view key);

}  // namespace novatalk::server
