// Small helpers for HTTP header values (RFC 9110), shared by the static files' Accept-Encoding
// and the WebSocket handshake's token lists. Beast-free.
#pragma once

#include <string_view>

namespace novatalk::server {

// Without the spaces and tabs around it.
std::string_view trim_ows(std::string_view s);
// ASCII case-insensitive equality (header names, tokens).
bool iequals(std::string_view a, std::string_view b);
// Whether a comma-separated header value lists `token` (ASCII case-insensitive, spaces and tabs
// around entries ignored).
bool has_token(std::string_view list, std::string_view token);

}  // namespace novatalk::server
