// Tests of server/client_address: the --trusted-proxies list, and which address a request is
// from (the peer, or X-Forwarded-For walked from the right past our own proxies).
#include "server/client_address.hpp"

#include <gtest/gtest.h>

namespace novatalk::server {
namespace {

ip_networks nets(std::string_view list) {
  auto r = parse_networks(list);
  EXPECT_TRUE(r.ok()) << list << ": " << (r.ok() ? "" : r.error());
  return r.ok() ? r.value() : ip_networks{};
}

TEST(client_address, parse_networks_forms) {
  const auto n = nets("127.0.0.1, 10.0.0.0/8,::1,fd00::/8,0.0.0.0/0");
  ASSERT_EQ(n.size(), 5u);
  EXPECT_EQ(n[0].prefix, 128u);
  EXPECT_EQ(n[1].prefix, 96u + 8);
  EXPECT_EQ(n[2].prefix, 128u);
  EXPECT_EQ(n[3].prefix, 8u);
  EXPECT_EQ(n[4].prefix, 96u);
}

TEST(client_address, parse_networks_refusals_name_the_entry) {
  for (const char* bad :
       {"", "127.0.0.1,", "localhost", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/8x",
        "10.0.0.0/-1", "1.2.3.4:80", "[::1]", "fe80::1%eth0", "01.2.3.4", "1.2.3"}) {
    const auto r = parse_networks(bad);
    EXPECT_FALSE(r.ok()) << bad;
  }
  const auto r = parse_networks("127.0.0.1,bogus");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), "\"bogus\": not an IP address");
}

TEST(client_address, canonical_ip) {
  EXPECT_EQ(canonical_ip("127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(canonical_ip("::FFFF:1.2.3.4"), "1.2.3.4");  // dual-stack sockets' IPv4 peers
  EXPECT_EQ(canonical_ip("2001:DB8:0:0::1"), "2001:db8::1");
  EXPECT_EQ(canonical_ip("1.2.3.4:5"), std::nullopt);
  EXPECT_EQ(canonical_ip(""), std::nullopt);
  EXPECT_EQ(canonical_ip("unknown"), std::nullopt);
}

TEST(client_address, in_networks) {
  const auto n = nets("10.0.0.0/8,2001:db8::/32,192.168.1.7");
  EXPECT_TRUE(in_networks(n, "10.255.0.1"));
  EXPECT_TRUE(in_networks(n, "::ffff:10.1.2.3"));
  EXPECT_FALSE(in_networks(n, "11.0.0.1"));
  EXPECT_TRUE(in_networks(n, "2001:db8:ffff::1"));
  EXPECT_FALSE(in_networks(n, "2001:db9::1"));
  EXPECT_TRUE(in_networks(n, "192.168.1.7"));
  EXPECT_FALSE(in_networks(n, "192.168.1.8"));
  EXPECT_FALSE(in_networks(n, "garbage"));
  // An IPv4 network never matches an IPv6 address that merely shares its bits.
  EXPECT_FALSE(in_networks(nets("0.0.0.0/0"), "::1"));
  EXPECT_TRUE(in_networks(nets("::/0"), "1.2.3.4"));  // ::/0 is everything
  // Host bits under the prefix do not matter.
  EXPECT_TRUE(in_networks(nets("10.1.2.3/8"), "10.9.9.9"));
  EXPECT_TRUE(in_networks(nets("10.0.0.0/12"), "10.15.0.1"));
  EXPECT_FALSE(in_networks(nets("10.0.0.0/12"), "10.16.0.1"));
}

TEST(client_address, untrusted_peer_is_the_client_whatever_the_header_says) {
  EXPECT_EQ(client_address("203.0.113.5", "198.51.100.1", {}), "203.0.113.5");
  EXPECT_EQ(client_address("203.0.113.5", "198.51.100.1", nets("127.0.0.1")), "203.0.113.5");
  EXPECT_EQ(client_address("::ffff:203.0.113.5", "", {}), "203.0.113.5");
}

TEST(client_address, trusted_peer_walks_from_the_right) {
  const auto trusted = nets("127.0.0.1,10.0.0.0/8");
  // One proxy: it appended the client.
  EXPECT_EQ(client_address("127.0.0.1", "198.51.100.1", trusted), "198.51.100.1");
  // The client made up the first entry; our proxies appended the rest.
  EXPECT_EQ(client_address("127.0.0.1", "6.6.6.6, 198.51.100.1, 10.0.0.2", trusted),
            "198.51.100.1");
  EXPECT_EQ(client_address("127.0.0.1", "6.6.6.6,198.51.100.1,10.0.0.2,10.0.0.3", trusted),
            "198.51.100.1");
  // IPv6 in the header, canonicalised.
  EXPECT_EQ(client_address("127.0.0.1", "2001:DB8::0:1", trusted), "2001:db8::1");
  // Every hop ours: the leftmost is as far as we can see.
  EXPECT_EQ(client_address("127.0.0.1", "10.0.0.9, 10.0.0.2", trusted), "10.0.0.9");
}

TEST(client_address, malformed_or_missing_header_gives_the_peer) {
  const auto trusted = nets("127.0.0.1,10.0.0.0/8");
  EXPECT_EQ(client_address("127.0.0.1", "", trusted), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", "  ", trusted), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", "unknown", trusted), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", "198.51.100.1:5555", trusted), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", "198.51.100.1,", trusted), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", ",198.51.100.1,garbage", trusted), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", "198.51.100.1,,10.0.0.2", trusted), "127.0.0.1");
  EXPECT_EQ(client_address("127.0.0.1", std::string(10000, ','), trusted), "127.0.0.1");
  // Malformed entries left of the client are not looked at.
  EXPECT_EQ(client_address("127.0.0.1", "garbage, 198.51.100.1", trusted), "198.51.100.1");
}

}  // namespace
}  // namespace novatalk::server
