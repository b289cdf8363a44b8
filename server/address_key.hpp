// Address keys of bans (docs/server.md, "Reports and bans"): a client's IP as HMAC-SHA256 under
// a random key of the UTC day, so that report counts and bans never hold an address and one
// day's keys cannot be linked to another's. A day key is never logged; it is made here (one
// process) or, with --redis, shared through Redis so that every node computes the same keys.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "core/moderation/report_bans.hpp"

namespace novatalk::server {

// HMAC-SHA256(key, message), its first `bytes` bytes (at most 32) as lowercase hex.
std::string hmac_sha256_hex(std::string_view key, std::string_view message, std::size_t bytes = 32);

// 32 random bytes from OpenSSL's CSPRNG as 64 hex characters: a day key.
std::string random_day_key();

class address_keys {
 public:
  using random_source = std::function<std::string()>;
  static constexpr std::int64_t seconds_per_day = 86400;

  // `random` makes a fresh day key (injected for tests).
  explicit address_keys(random_source random = random_day_key) : random_(std::move(random)) {}

  // From here on day keys only come from set_day_key (the ones shared through Redis): a day
  // whose key has not come yet has no address keys, and nothing is banned or counted on it.
  void use_shared_keys();
  void set_day_key(std::int64_t day, std::string key);
  bool knows_day(std::int64_t day) const;

  // The keys of `ip` at `unix_now` (seconds): under today's key and yesterday's (when known),
  // so a ban made before midnight is still found after it. 32 hex characters each.
  moderation::address of(std::string_view ip, std::int64_t unix_now);

  static std::int64_t day_of(std::int64_t unix_seconds);

 private:
  const std::string* key_of(std::int64_t day);  // with mutex_ held

  mutable std::mutex mutex_;  // the hub reads, the Redis link writes
  random_source random_;
  bool shared_ = false;
  std::map<std::int64_t, std::string> keys_;  // day -> key; days before yesterday are dropped
};

}  // namespace novatalk::server
