// HMAC-SHA256 address keys with daily keys (see address_key.hpp), from OpenSSL (libcrypto).
#include "server/address_key.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>

namespace novatalk::server {
namespace {

std::string hex(const unsigned char* data, std::size_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[data[i] >> 4];
    out += digits[data[i] & 15];
  }
  return out;
}

}  // namespace

std::string hmac_sha256_hex(std::string_view key, std::string_view message, std::size_t bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac.data(),
       &mac_len);
  return hex(mac.data(), std::min<std::size_t>(bytes, mac_len));
}

std::string random_day_key() {
  std::array<unsigned char, 32> bytes{};
  // Without a working CSPRNG there is no safe key: an empty one makes addresses unknown (no
  // bans) rather than guessable.
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) return {};
  return hex(bytes.data(), bytes.size());
}

std::int64_t address_keys::day_of(std::int64_t unix_seconds) {
  // Floor division: the UTC day (also right for times before 1970, which tests may use).
  return unix_seconds >= 0 ? unix_seconds / seconds_per_day
                           : -((-unix_seconds + seconds_per_day - 1) / seconds_per_day);
}

void address_keys::use_shared_keys() {
  std::lock_guard<std::mutex> lock(mutex_);
  shared_ = true;
  keys_.clear();
}

void address_keys::set_day_key(std::int64_t day, std::string key) {
  if (key.empty()) return;
  std::lock_guard<std::mutex> lock(mutex_);
  keys_[day] = std::move(key);
}

bool address_keys::knows_day(std::int64_t day) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return keys_.count(day) != 0;
}

const std::string* address_keys::key_of(std::int64_t day) {
  auto it = keys_.find(day);
  if (it == keys_.end()) {
    if (shared_) return nullptr;
    std::string fresh = random_();
    if (fresh.empty()) return nullptr;
    it = keys_.emplace(day, std::move(fresh)).first;
  }
  return &it->second;
}

moderation::address address_keys::of(std::string_view ip, std::int64_t unix_now) {
  moderation::address a;
  if (ip.empty()) return a;
  const std::int64_t day = day_of(unix_now);
  std::lock_guard<std::mutex> lock(mutex_);
  // Keys older than yesterday's can find nothing any more: forget them.
  keys_.erase(keys_.begin(), keys_.lower_bound(day - 1));
  const std::string* today = key_of(day);
  if (!today) return a;
  a.current = hmac_sha256_hex(*today, ip, 16);
  // Yesterday's key is never made up: no ban or report can be held under a key that never was.
  const auto yesterday = keys_.find(day - 1);
  if (yesterday != keys_.end()) a.previous = hmac_sha256_hex(yesterday->second, ip, 16);
  return a;
}

}  // namespace novatalk::server
