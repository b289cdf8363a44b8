// `--redis redis://HOST:PORT[/DB]`: parsed into an endpoint, with a clear error otherwise.
// Beast-free, so config parsing and its tests need no Asio.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace novatalk::server::redis {

struct endpoint {
  std::string host;  // a name or an IPv4/IPv6 literal (brackets removed)
  std::uint16_t port = 6379;
  int db = 0;
};

// An endpoint, or a one-line reason why the URL is not one.
std::variant<endpoint, std::string> parse_url(std::string_view url);

// "[A-Za-z0-9_-]{1,64}": node ids go into Redis keys and channel names.
bool valid_node_id(std::string_view id);

}  // namespace novatalk::server::redis
