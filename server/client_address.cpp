// The client's address (see client_address.hpp). inet_pton does the parsing: it accepts exactly
// the literal forms and nothing else (no leading zeros in IPv4, no ports, no zone ids).
#include "server/client_address.hpp"

#include <arpa/inet.h>

#include <charconv>

namespace novatalk::server {
namespace {

using bytes16 = std::array<std::uint8_t, 16>;

constexpr bytes16 v4_mapped_prefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

bool is_v4_mapped(const bytes16& b) {
  for (int i = 0; i < 12; ++i)
    if (b[i] != v4_mapped_prefix[i]) return false;
  return true;
}

// An IP literal as 16 bytes (IPv4 mapped into IPv6), and whether it was written as IPv4.
std::optional<bytes16> parse_ip(std::string_view text, bool* written_v4 = nullptr) {
  if (text.empty() || text.size() > 45) return std::nullopt;  // INET6_ADDRSTRLEN - 1
  const std::string s(text);                                  // inet_pton wants a C string
  bytes16 b = v4_mapped_prefix;
  if (inet_pton(AF_INET, s.c_str(), b.data() + 12) == 1) {
    if (written_v4) *written_v4 = true;
    return b;
  }
  if (inet_pton(AF_INET6, s.c_str(), b.data()) == 1) {
    if (written_v4) *written_v4 = false;
    return b;
  }
  return std::nullopt;
}

std::string to_text(const bytes16& b) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (is_v4_mapped(b)) {
    inet_ntop(AF_INET, b.data() + 12, buf, sizeof buf);
  } else {
    inet_ntop(AF_INET6, b.data(), buf, sizeof buf);
  }
  return buf;
}

bool contains(const ip_network& n, const bytes16& b) {
  unsigned bits = n.prefix;
  for (std::size_t i = 0; i < 16 && bits > 0; ++i) {
    const unsigned take = bits >= 8 ? 8 : bits;
    const auto mask = static_cast<std::uint8_t>(0xff << (8 - take));
    if ((b[i] & mask) != (n.bytes[i] & mask)) return false;
    bits -= take;
  }
  return true;
}

bool in_any(const ip_networks& networks, const bytes16& b) {
  for (const auto& n : networks)
    if (contains(n, b)) return true;
  return false;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

result<ip_network, std::string> parse_network(std::string_view entry) {
  const auto slash = entry.find('/');
  bool v4 = false;
  const auto address = parse_ip(entry.substr(0, slash), &v4);
  if (!address) return fail(std::string("not an IP address"));
  ip_network n;
  n.bytes = *address;
  const unsigned max_bits = v4 ? 32 : 128;
  unsigned bits = max_bits;
  if (slash != std::string_view::npos) {
    const auto digits = entry.substr(slash + 1);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() ||
        bits > max_bits)
      return fail("the prefix must be a number from 0 to " + std::to_string(max_bits));
  }
  n.prefix = v4 ? 96 + bits : bits;
  return n;
}

}  // namespace

result<ip_networks, std::string> parse_networks(std::string_view list) {
  ip_networks out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    const auto entry = trim(list.substr(start, comma - start));
    auto n = parse_network(entry);
    if (!n) return fail("\"" + std::string(entry) + "\": " + n.error());
    out.push_back(n.value());
    start = comma + 1;
  }
  return out;
}

std::optional<std::string> canonical_ip(std::string_view text) {
  const auto b = parse_ip(text);
  if (!b) return std::nullopt;
  return to_text(*b);
}

bool in_networks(const ip_networks& networks, std::string_view ip) {
  const auto b = parse_ip(ip);
  return b && in_any(networks, *b);
}

std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const ip_networks& trusted) {
  const auto peer_bytes = parse_ip(peer);
  if (!peer_bytes) return std::string(peer);
  const std::string peer_text = to_text(*peer_bytes);
  if (!in_any(trusted, *peer_bytes) || trim(forwarded_for).empty()) return peer_text;
  // Right to left: each hop appended the address it saw; ours are trusted, the first other
  // one is the client as far as anyone we trust can tell.
  std::optional<bytes16> leftmost;
  std::size_t end = forwarded_for.size();
  for (;;) {
    const auto comma = forwarded_for.rfind(',', end == 0 ? 0 : end - 1);
    const std::size_t begin = (comma == std::string_view::npos || end == 0) ? 0 : comma + 1;
    const auto hop = parse_ip(trim(forwarded_for.substr(begin, end - begin)));
    if (!hop) return peer_text;
    if (!in_any(trusted, *hop)) return to_text(*hop);
    leftmost = hop;
    if (begin == 0) break;
    end = begin - 1;
  }
  return to_text(*leftmost);
}

}  // namespace novatalk::server
