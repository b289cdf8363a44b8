// Tests of server/websocket_handshake: the RFC's accept value, header token lists (http_tokens),
// and each reason an upgrade is refused (400 or 426).
#include "server/websocket_handshake.hpp"

#include "server/http_tokens.hpp"

#include <gtest/gtest.h>

namespace novatalk::server {
namespace {

upgrade_request good() {
  upgrade_request r;
  r.get = true;
  r.http_version = 11;
  r.has_host = true;
  r.connection = "keep-alive, Upgrade";
  r.upgrade = "websocket";
  r.version = "13";
  r.key = "dGhlIHNhbXBsZSBub25jZQ==";
  return r;
}

TEST(websocket_handshake, accept_is_the_rfc_example) {
  EXPECT_EQ(websocket_accept("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

TEST(websocket_handshake, tokens_are_found_in_comma_lists_whatever_their_case) {
  EXPECT_TRUE(has_token("Upgrade", "upgrade"));
  EXPECT_TRUE(has_token("keep-alive,\tUPGRADE ", "upgrade"));
  EXPECT_FALSE(has_token("upgrades", "upgrade"));
  EXPECT_FALSE(has_token("", "upgrade"));
  EXPECT_FALSE(has_token("keep-alive", "upgrade"));
}

TEST(websocket_handshake, a_good_request_passes) {
  EXPECT_TRUE(asks_for_websocket(good()));
  EXPECT_EQ(check_upgrade(good()).refusal, upgrade_refusal::none);
}

TEST(websocket_handshake, only_a_get_with_both_tokens_asks_for_a_websocket) {
  auto r = good();
  r.get = false;
  EXPECT_FALSE(asks_for_websocket(r));
  r = good();
  r.connection = "keep-alive";
  EXPECT_FALSE(asks_for_websocket(r));
  r = good();
  r.upgrade = "h2c";
  EXPECT_FALSE(asks_for_websocket(r));
  r = good();
  r.http_version = 10;
  EXPECT_FALSE(asks_for_websocket(r));
}

TEST(websocket_handshake, bad_keys_hosts_and_versions_are_refused) {
  for (const char* key : {"", "dGhlIHNhbXBsZSBub25jZQ", "dGhlIHNhbXBsZSBub25jZQ=!",
                          "dGhlIHNhbXBsZSBub25jZSBsb25nZXI=", "dGhl IHNhbXBsZSBub25jZQ=="}) {
    auto r = good();
    r.key = key;
    EXPECT_EQ(check_upgrade(r).refusal, upgrade_refusal::bad_request) << key;
  }
  auto r = good();
  r.has_host = false;
  EXPECT_EQ(check_upgrade(r).refusal, upgrade_refusal::bad_request);
  r = good();
  r.http_version = 20;
  EXPECT_EQ(check_upgrade(r).refusal, upgrade_refusal::bad_request);
  for (const char* version : {"", "8", "12", "13, 8"}) {
    r = good();
    r.version = version;
    EXPECT_EQ(check_upgrade(r).refusal, upgrade_refusal::upgrade_required) << version;
  }
}

}  // namespace
}  // namespace novatalk::server
