// Bans after repeated reports (docs/protocol.md, "Limits, bans and resume"), platform-free: an
// address reported by `reports` distinct strangers (counted by their addresses) within `window`
// is banned for `ban`. Addresses are known only as keyed hashes that rotate daily
// (server/address_key), never as addresses; the caller passes the time. server/redis/pairing.lua
// runs the same rule in Redis (tests/server/redis/pairing_script_test.cpp keeps them equal).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

namespace novatalk::moderation {

using time_point = std::chrono::steady_clock::time_point;

// One address under today's key and under yesterday's (empty when not known), so that a ban or
// a report made before the key rotated at midnight is still found after it.
struct address {
  std::string current;
  std::string previous;
  bool known() const { return !current.empty(); }
  friend bool operator==(const address& a, const address& b) {
    return a.current == b.current && a.previous == b.previous;
  }
};

struct ban_config {
  std::uint32_t reports = 3;  // distinct reporters that ban an address; 0 = bans off
  std::chrono::seconds ban{3600};
  std::chrono::milliseconds window{std::chrono::hours(1)};  // reports older than this lapse
};

// Whole seconds, rounded up: what `retry_after` says (a ban with 1 ms left is "1 second").
std::uint64_t seconds_left(std::chrono::milliseconds left);

class report_bans {
 public:
  explicit report_bans(ban_config cfg = {}) : cfg_(cfg) {}

  bool enabled() const { return cfg_.reports > 0; }
  const ban_config& config() const { return cfg_; }

  // What is left of a ban of `a`, zero when none. A ban found under the previous key only is
  // copied to the current one, so it outlives the next rotation too.
  std::chrono::milliseconds banned_for(const address& a, time_point now);
  // A client at `reporter` reported one at `reported`. Each reporter address counts once (many
  // tabs of one person are one reporter); an address already banned counts nothing. The ban's
  // length when this report starts one.
  std::optional<std::chrono::milliseconds> report(const address& reported, const address& reporter,
                                                  time_point now);
  // Forgets lapsed reports and bans (call now and then: memory follows the last hour's reports).
  void expire(time_point now);
  // Addresses held (with a ban or reports in the window), for tests.
  std::size_t size() const { return bans_.size() + windows_.size(); }

 private:
  using window = std::unordered_map<std::string, time_point>;  // reporter key -> last report
  void prune(window& w, time_point now) const;

  ban_config cfg_;
  std::unordered_map<std::string, time_point> bans_;  // key -> until
  std::unordered_map<std::string, window> windows_;   // reported key -> its reporters
};

}  // namespace novatalk::moderation
