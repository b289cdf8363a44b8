// Who a connection is, as an address: the socket's peer, or the client named in X-Forwarded-For
// when the peer is one of our own proxies (--trusted-proxies). Beast-free, pure functions. The
// result keys limits and bans in memory; it is never logged (docs/server.md, "Logging").
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.hpp"

namespace novatalk::server {

// An IPv4 or IPv6 network (a single address is a /32 or /128). IPv4 is kept as its IPv4-mapped
// IPv6 form (::ffff:a.b.c.d), so a dual-stack socket's peer matches an IPv4 entry.
struct ip_network {
  std::array<std::uint8_t, 16> bytes{};
  unsigned prefix = 128;  // in bits of the 16 bytes (an IPv4 /24 is stored as /120)
};
using ip_networks = std::vector<ip_network>;

// "ADDR" or "ADDR/BITS", comma-separated, IPv4 and IPv6 ("127.0.0.1,10.0.0.0/8,::1,fd00::/8").
// Host bits under the prefix are ignored. The error names the bad entry.
result<ip_networks, std::string> parse_networks(std::string_view list);

// An IP literal in its canonical text (inet_ntop's; an IPv4-mapped IPv6 address as plain IPv4),
// or nullopt when `text` is not one. No ports, no brackets, no zone ids.
std::optional<std::string> canonical_ip(std::string_view text);

// Whether the IP literal `ip` lies in one of `networks` (false for a malformed one).
bool in_networks(const ip_networks& networks, std::string_view ip);

// The client's address. `peer`: the socket's remote address. `forwarded_for`: every
// X-Forwarded-For header of the request joined by commas in order ("" when none). Only when the
// peer is trusted is the header read, from the right: trusted hops are skipped and the first
// untrusted address is the client (left of it, anyone could have written anything). A malformed
// entry on that walk gives the peer; so does an empty header. When every hop is trusted, the
// leftmost one is the client. Canonical text (canonical_ip), or `peer` as given if malformed.
std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const ip_networks& trusted);

}  // namespace novatalk::server
