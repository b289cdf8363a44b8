// Tests of server/resume_token: tokens verify with their key only, until they expire; any
// change to one is refused; the key file is created once (0600) and read back after.
#include "server/resume_token.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace novatalk::server {
namespace {

const std::string key(32, 'k');

resume_claim sample() {
  resume_claim c;
  c.pairing = "0123456789abcdef0123456789abcdef";
  c.side = protocol::role::responder;
  c.expires_at = 1000;
  c.nonce = "fedcba9876543210fedcba9876543210";
  c.mode = protocol::chat_mode::text;
  c.interests = {"music", "caf\xc3\xa9 au lait", "a.b"};
  return c;
}

TEST(resume_token, round_trip) {
  const auto token = sign_resume_token(key, sample());
  auto v = verify_resume_token(key, token, 999);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v.value().pairing, sample().pairing);
  EXPECT_EQ(v.value().side, protocol::role::responder);
  EXPECT_EQ(v.value().expires_at, 1000);
  EXPECT_EQ(v.value().nonce, sample().nonce);
  EXPECT_EQ(v.value().mode, protocol::chat_mode::text);
  EXPECT_EQ(v.value().interests, sample().interests);
  // URL- and JSON-safe: no escaping anywhere.
  EXPECT_EQ(token.find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."),
            std::string::npos);
  auto plain = sample();
  plain.interests.clear();
  plain.side = protocol::role::initiator;
  auto w = verify_resume_token(key, sign_resume_token(key, plain), 0);
  ASSERT_TRUE(w.ok());
  EXPECT_TRUE(w.value().interests.empty());
  EXPECT_EQ(w.value().side, protocol::role::initiator);
}

TEST(resume_token, expires) {
  const auto token = sign_resume_token(key, sample());
  auto v = verify_resume_token(key, token, 1000);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error(), token_error::expired);
}

TEST(resume_token, any_change_is_refused) {
  const auto token = sign_resume_token(key, sample());
  for (std::size_t i = 0; i < token.size(); ++i) {
    std::string t = token;
    t[i] = t[i] == 'A' ? 'B' : 'A';
    auto v = verify_resume_token(key, t, 0);
    EXPECT_FALSE(v.ok()) << "changed at " << i;
  }
  auto other = verify_resume_token(std::string(32, 'x'), token, 0);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error(), token_error::bad_signature);
  // A later expiry cannot be written in: the signature covers it.
  auto later = sample();
  later.expires_at = 5000;
  const auto forged = sign_resume_token(key, later).substr(0, token.rfind('.')) +
                      token.substr(token.rfind('.'));
  EXPECT_FALSE(verify_resume_token(key, forged, 2000).ok());
}

TEST(resume_token, malformed_input) {
  for (const char* bad : {"", ".", "abc", "abc.", ".abc", "a.b.c", "!!!.!!!", "\xff.\xff"}) {
    auto v = verify_resume_token(key, bad, 0);
    EXPECT_FALSE(v.ok()) << bad;
  }
  // Signed, but not a claim (a key shared with something else must not make claims).
  const std::string body = "bm90IGEgY2xhaW0";  // base64url("not a claim")
  auto v = verify_resume_token(key, body + ".x", 0);
  EXPECT_FALSE(v.ok());
}

TEST(resume_token, key_file_is_created_once_and_read_back) {
  char dir[] = "/tmp/resume_key_XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  const std::string path = std::string(dir) + "/key";
  auto created = load_or_create_resume_key(path);
  ASSERT_TRUE(created.ok()) << created.error();
  EXPECT_EQ(created.value().size(), resume_key_bytes);
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto again = load_or_create_resume_key(path);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value(), created.value());
  EXPECT_NE(random_resume_key(), created.value());

  const std::string short_path = std::string(dir) + "/short";
  std::ofstream(short_path) << "too short";
  auto refused = load_or_create_resume_key(short_path);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().find("too short"), std::string::npos);  // never the key's bytes
  EXPECT_FALSE(load_or_create_resume_key(std::string(dir) + "/no/such/dir/key").ok());
  std::remove(path.c_str());
  std::remove(short_path.c_str());
  rmdir(dir);
}

}  // namespace
}  // namespace novatalk::server
