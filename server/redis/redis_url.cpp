// Parsing of redis:// URLs (see redis_url.hpp).
#include "server/redis/redis_url.hpp"

#include <charconv>

namespace novatalk::server::redis {
namespace {

template <typename T>
bool parse_number(std::string_view s, T& out, T lo, T hi) {
  if (s.empty()) return false;
  long long v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size() || v < lo || v > hi) return false;
  out = static_cast<T>(v);
  return true;
}

}  // namespace

std::variant<endpoint, std::string> parse_url(std::string_view url) {
  constexpr std::string_view scheme = "redis://";
  if (url.substr(0, scheme.size()) != scheme) return std::string("must start with redis://");
  std::string_view rest = url.substr(scheme.size());
  if (rest.find('@') != std::string_view::npos)
    return std::string(
        "credentials in the URL are not supported (keep Redis on a private network)");
  endpoint ep;
  std::string_view db;
  if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
    db = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
    if (!db.empty() && !parse_number(db, ep.db, 0, 1000))
      return std::string("the database must be a number from 0 to 1000");
  }
  std::string_view host = rest;
  std::string_view port;
  if (!rest.empty() && rest.front() == '[') {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) return std::string("unclosed [ in the host");
    host = rest.substr(1, close - 1);
    const auto after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return std::string("expected :PORT after the host");
      port = after.substr(1);
      if (port.empty()) return std::string("empty port");
    }
  } else if (const auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
    if (port.empty()) return std::string("empty port");
  }
  if (host.empty()) return std::string("no host");
  if (!port.empty() && !parse_number(port, ep.port, std::uint16_t{1}, std::uint16_t{65535}))
    return std::string("the port must be a number from 1 to 65535");
  ep.host = std::string(host);
  return ep;
}

bool valid_node_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace novatalk::server::redis
