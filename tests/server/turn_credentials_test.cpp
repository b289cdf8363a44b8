// Tests of server/turn_credentials: HMAC-SHA1 against RFC 2202 and independently computed
// vectors (Python's hmac module), and the TURN REST API username/password shape.
#include "server/turn_credentials.hpp"

#include <gtest/gtest.h>

#include <set>

namespace novatalk::server {
namespace {

using namespace std::chrono_literals;

TEST(turn_credentials, hmac_sha1_matches_rfc_2202) {
  // RFC 2202 test case 1: key = 20 x 0x0b, data = "Hi There", HMAC
  // b617318655057264e28bc0b6fb378c8ef146be00.
  EXPECT_EQ(hmac_sha1_base64(std::string(20, '\x0b'), "Hi There"), "thcxhlUFcmTii8C2+zeMjvFGvgA=");
}

TEST(turn_credentials, hmac_sha1_matches_fixed_vectors) {
  EXPECT_EQ(hmac_sha1_base64("secret", "1700000600:abc"), "938t0wY0kHdWFI0EWiShFAB+qL8=");
  EXPECT_EQ(hmac_sha1_base64("", "x"), "YkTmZFGhyGlduXMc4sT9XeJcz4c=");
}

TEST(turn_credentials, username_is_expiry_and_id_password_is_its_hmac) {
  const auto c = mint_turn_credential("north-star-secret", 1893455400, 600s,
                                      "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(c.expires_at, 1893456000);
  EXPECT_EQ(c.username, "1893456000:0123456789abcdef0123456789abcdef");
  EXPECT_EQ(c.password, "xMEanRUYYlh/E663VSUjIzz9ubE=");
}

TEST(turn_credentials, random_ids_are_hex_and_distinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = random_turn_id();
    ASSERT_EQ(id.size(), 32u);
    ASSERT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

}  // namespace
}  // namespace novatalk::server
