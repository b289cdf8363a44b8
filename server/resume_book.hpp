// The bookkeeping of session resume (docs/protocol.md, "Resume after a dropped socket"): who
// holds which half of which pairing, who is away (socket gone, grace running) and what is held
// for them, which tokens were spent, which pairings ended. Pure data; the hub decides with it.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "server/pool.hpp"

namespace novatalk::server {

struct resume_settings {
  std::string key;                      // HMAC key of the tokens; empty: resume is off
  std::chrono::seconds ttl{60};         // --resume-ttl: a token's lifetime
  std::chrono::seconds grace{20};       // --resume-grace: how long a dropped client is waited for
  std::size_t held_bytes_max = 262144;  // what may be held for an away client (send queue size)
};

class resume_book {
 public:
  struct half {
    std::string pairing;
    protocol::role side = protocol::role::initiator;
  };

  explicit resume_book(std::size_t held_bytes_max) : held_bytes_max_(held_bytes_max) {}

  // `id` holds `h` now (a new pairing, or a restored one).
  void paired(client_id id, const half& h);
  const half* half_of(client_id id) const;
  // Who holds `h`, present or away.
  std::optional<client_id> member(const half& h) const;
  // The pairing is over: present members let go of it, away ones keep their half until they
  // come back (to get what is held for them) or their grace ends. Not restorable until `until`.
  void pairing_over(std::string pairing, std::int64_t until);
  bool has_ended(const std::string& pairing) const { return ended_.count(pairing) != 0; }

  void detach(client_id id, pairing::time_point deadline);
  bool is_away(client_id id) const { return away_.count(id) != 0; }
  // Keeps `frame` for an away client; past held_bytes_max its grace ends at once (like a full
  // send queue closes a connection) and false is returned.
  bool hold(client_id id, std::string frame);
  // The away clients whose grace ended; they are no longer away (forget them after acting).
  std::vector<client_id> expired(pairing::time_point now);
  // `from` goes on as `to` (present): its half, and the frames held for it, in order.
  std::vector<std::string> take_over(client_id from, client_id to);
  // Gone for good: its half (if any) is let go.
  void forget(client_id id);

  // Single use: true the first time; a spent nonce is remembered until `expires_at`.
  bool spend(const std::string& nonce, std::int64_t expires_at);
  // Token refreshes: `id` is due at `at` (unix seconds); replaces an earlier schedule.
  void refresh_at(client_id id, std::int64_t at);
  std::vector<client_id> due_refreshes(std::int64_t now_unix);
  // Drops spent nonces and ended pairings whose tokens have expired.
  void prune(std::int64_t now_unix);

  std::size_t away_count() const { return away_.size(); }
  std::size_t pairing_count() const { return members_.size(); }

 private:
  struct away_state {
    pairing::time_point deadline;
    std::vector<std::string> held;
    std::size_t held_bytes = 0;
  };
  static std::size_t slot(protocol::role r) { return r == protocol::role::initiator ? 0 : 1; }
  void let_go(client_id id);

  std::size_t held_bytes_max_;
  std::unordered_map<client_id, half> half_of_;
  std::unordered_map<std::string, std::array<client_id, 2>> members_;  // 0: nobody
  std::unordered_map<client_id, away_state> away_;
  std::unordered_map<std::string, std::int64_t> spent_;  // nonce -> expiry
  std::unordered_map<std::string, std::int64_t> ended_;  // pairing -> until
  std::unordered_map<client_id, std::int64_t> refresh_;  // id -> when (the valid schedule)
  // (when, id) in the order scheduled; times only grow (one ttl), so this is a priority queue.
  std::deque<std::pair<std::int64_t, client_id>> refresh_queue_;
};

}  // namespace novatalk::server
