// The pool of one process: core/pairing/matchmaker, its outcomes turned into pool_events at once,
// and the bans of core/moderation/report_bans held in memory.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <unordered_map>

#include "core/moderation/report_bans.hpp"
#include "server/pool.hpp"

namespace novatalk::server {

class memory_pool final : public pool {
 public:
  // `new_pairing_id` names each pairing for resume tokens (random; injected for tests).
  explicit memory_pool(pairing::config cfg, moderation::ban_config bans = {},
                       std::function<std::string()> new_pairing_id = {});

  void join(client_id id, pairing::preferences prefs, const moderation::address& from,
            pairing::time_point now, pool_events& out) override;
  void next(client_id id, const moderation::address& from, pairing::time_point now,
            pool_events& out) override;
  void leave(client_id id, pairing::time_point now, pool_events& out) override;
  void report(client_id id, const moderation::address& from, pairing::time_point now,
              pool_events& out) override;
  void disconnect(client_id id, pairing::time_point now, pool_events& out) override;
  void tick(pairing::time_point now, pool_events& out) override;
  bool relay(client_id from, std::string text, pool_events& out) override;
  bool has_stranger(client_id id) const override { return matchmaker_.partner_of(id).has_value(); }
  client_id local_stranger(client_id id) const override {
    return matchmaker_.partner_of(id).value_or(0);
  }
  bool resumable() const override { return true; }
  bool hands_queued_offers() const override { return true; }
  bool waiting(client_id id) const override { return matchmaker_.is_waiting(id); }
  bool rename(client_id from, client_id to, pairing::preferences prefs) override;
  bool restore(client_id a, pairing::preferences pa, client_id b,
               pairing::preferences pb) override;

  const pairing::matchmaker& matchmaker() const { return matchmaker_; }  // for tests

 private:
  // True (and `id` out of the queue and the call, told `banned`) when `from` is banned.
  bool refused(client_id id, const moderation::address& from, pairing::time_point now,
               pool_events& out);
  // The address of a client that joined, as of its last request (what a report counts against).
  void remember(client_id id, const moderation::address& from);
  void forget(client_id id);
  void start_ban(const std::string& key, std::chrono::milliseconds length, pool_events& out);

  void add(const pairing::outcome& o, pool_events& out);

  pairing::matchmaker matchmaker_;
  moderation::report_bans bans_;
  std::unordered_map<client_id, moderation::address> address_;  // clients that joined
  std::unordered_map<std::string, std::set<client_id>> by_key_;   // current key -> its clients
  pairing::time_point expired_at_{};
  std::function<std::string()> new_pairing_id_;
};

// `left` before `matches` (matchmaker.hpp): nobody hears of a new stranger before the old one
// left. Shared with the tests that compare the pools.
void append_events(const pairing::outcome& o, pool_events& out);

}  // namespace novatalk::server
