// The pool of one process: core/pairing/matchmaker, its outcomes turned into pool_events at once.
#pragma once

#include "server/pool.hpp"

namespace novatalk::server {

class memory_pool final : public pool {
 public:
  explicit memory_pool(pairing::config cfg) : matchmaker_(cfg) {}

  void join(client_id id, pairing::preferences prefs, pairing::time_point now,
            pool_events& out) override;
  void next(client_id id, pairing::time_point now, pool_events& out) override;
  void leave(client_id id, pairing::time_point now, pool_events& out) override;
  void report(client_id id, pairing::time_point now, pool_events& out) override;
  void disconnect(client_id id, pairing::time_point now, pool_events& out) override;
  void tick(pairing::time_point now, pool_events& out) override;
  bool relay(client_id from, std::string text, pool_events& out) override;
  bool has_stranger(client_id id) const override { return matchmaker_.partner_of(id).has_value(); }
  client_id local_stranger(client_id id) const override {
    return matchmaker_.partner_of(id).value_or(0);
  }

 private:
  pairing::matchmaker matchmaker_;
};

// `left` before `matches` (matchmaker.hpp): nobody hears of a new stranger before the old one
// left. Shared with the tests that compare the pools.
void append_events(const pairing::outcome& o, pool_events& out);

}  // namespace novatalk::server
