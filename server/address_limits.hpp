// Per-address connection limits (--max-conns-per-ip open WebSockets, --max-new-conns-per-ip new
// ones per second): asked before an upgrade is accepted, released when the socket is gone.
// Thread-safe (its own mutex, not the hub's), Beast-free, clock injected. Addresses are only
// map keys here: never logged.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/limits/token_bucket.hpp"

namespace novatalk::server {

struct address_limits_config {
  std::uint32_t max_open = 20;  // --max-conns-per-ip (0 = no limit)
  std::uint32_t max_new = 10;   // --max-new-conns-per-ip per second (0 = no limit)
};

class address_limits {
 public:
  enum class refusal { none, too_many_open, too_many_new };
  struct admission {
    refusal why = refusal::none;
    std::chrono::seconds retry_after{0};  // for Retry-After when refused (at least 1 s)
  };

  explicit address_limits(address_limits_config cfg) : cfg_(cfg) {}

  // A new WebSocket from `address`: admitted (then it counts as open until release()), or why
  // not and when to try again.
  admission admit(const std::string& address, limits::time_point now);
  // A socket admitted earlier is gone.
  void release(const std::string& address, limits::time_point now);
  // Forgets addresses with nothing open whose rate bucket has refilled (they are as if new), so
  // memory follows recent connections only. Call now and then.
  void sweep(limits::time_point now);
  // Addresses held in memory, and the open count of one (for tests).
  std::size_t size();
  std::uint32_t open(const std::string& address);

 private:
  struct entry {
    std::uint32_t open = 0;
    limits::token_bucket fresh;
  };
  bool off() const { return cfg_.max_open == 0 && cfg_.max_new == 0; }

  const address_limits_config cfg_;
  std::mutex mutex_;
  std::unordered_map<std::string, entry> entries_;
};

}  // namespace novatalk::server
