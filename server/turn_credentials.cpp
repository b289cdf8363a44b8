// HMAC-SHA1 and base64 from OpenSSL (libcrypto); no other crypto in the project.
#include "server/turn_credentials.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>

namespace novatalk::server {

namespace {

std::string hmac(const EVP_MD* md, std::string_view key, std::string_view message) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_len = 0;
  HMAC(md, key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac.data(),
       &mac_len);
  return std::string(reinterpret_cast<const char*>(mac.data()), mac_len);
}

}  // namespace

std::string hmac_sha256(std::string_view key, std::string_view message) {
  return hmac(EVP_sha256(), key, message);
}

std::string base64(std::string_view bytes) {
  // 4 output characters per 3 input bytes, plus the terminating NUL EVP_EncodeBlock writes.
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
  return out;
}

std::string hmac_sha1_base64(std::string_view key, std::string_view message) {
  return base64(hmac(EVP_sha1(), key, message));
}

turn_credential mint_turn_credential(std::string_view secret, std::int64_t now_unix,
                                     std::chrono::seconds ttl, std::string_view random_id) {
  turn_credential c;
  c.expires_at = now_unix + ttl.count();
  c.username = std::to_string(c.expires_at) + ":" + std::string(random_id);
  c.password = hmac_sha1_base64(secret, c.username);
  return c;
}

std::string random_turn_id() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    // Without OpenSSL's generator the id is still unique per process, just guessable; it is a
    // label, not a secret (the HMAC is the secret part).
    static std::uint64_t counter = 0;
    return "fallback" + std::to_string(++counter);
  }
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

}  // namespace novatalk::server
