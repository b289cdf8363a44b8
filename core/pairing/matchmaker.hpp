// The pairing rules of protocol v1 as a pure state machine: events in (join, next, leave,
// disconnect, tick), outcomes out (who is matched, who must be told their stranger left). No
// sockets, no clock of its own: the caller passes `now`, so tests and fuzzers drive it directly.
//
// Rules (docs/protocol.md, "Pairing"):
// - first come, first served, except that two people waiting with a common interest are paired
//   with each other first;
// - interests are a preference: after `interest_wait` of waiting, anyone (of the same mode) will do;
// - only equal modes are paired, never a client with itself;
// - after one of them left the other (next, leave), the same two are not paired again while
//   anyone else compatible is waiting;
// - after one of them reported the other, the same two are never paired again while both are
//   known (a blocked pair, both directions); the block is forgotten when either disconnects.
#pragma once

#include <chrono>
#include <cstdint>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/protocol/messages.hpp"

namespace novatalk::pairing {

using client_id = std::uint64_t;
using clock = std::chrono::steady_clock;
using time_point = clock::time_point;

struct preferences {
  std::vector<std::string> interests;  // already normalised by the codec
  protocol::chat_mode mode = protocol::chat_mode::video;
};

struct config {
  // How long someone with interests waits for a common interest before anyone will do.
  std::chrono::milliseconds interest_wait{5000};
};

struct match {
  client_id initiator = 0;  // the one who waited longer: makes the offer
  client_id responder = 0;
  std::vector<std::string> common;  // common interests, in the initiator's order
};

struct partner_gone {
  client_id to = 0;  // the stranger who stays behind
  protocol::leave_reason reason = protocol::leave_reason::disconnect;
};

// What an event caused. Apply `left` before `matches`: the server tells people their stranger
// left before it tells anyone about a new match.
struct outcome {
  std::vector<partner_gone> left;
  std::vector<match> matches;
};

class matchmaker {
 public:
  explicit matchmaker(config cfg = {});

  // Enter the queue (leaving the current stranger first, if any, who is told `next`).
  outcome join(client_id id, preferences prefs, time_point now);
  // Leave the stranger or the queue, and join again at once with the last preferences.
  // A client that never joined gets an empty outcome and stays idle.
  outcome next(client_id id, time_point now);
  // Leave the stranger or the queue; stay known and idle.
  outcome leave(client_id id, time_point now);
  // Report the current stranger: the call ends exactly as with next() (the stranger is told
  // `next`: nobody learns they were reported) and the two become a blocked pair. Without a
  // stranger it changes nothing and returns an empty outcome.
  outcome report(client_id id, time_point now);
  // Forget the client entirely; its stranger is told `disconnect`.
  outcome disconnect(client_id id, time_point now);
  // Pairs the waiting people whose interest wait has run out. Call it every few hundred ms.
  outcome tick(time_point now);

  // Session resume (docs/protocol.md): `from` goes on as `to` (a new connection of the same
  // person): its stranger, queue place, blocks and avoidances, with `prefs` as its last join's.
  // False (and nothing changes) unless `from` is known and `to` is not.
  bool rename(client_id from, client_id to, preferences prefs);
  // Pairs two clients this matchmaker does not know (a pairing from before a restart): neither
  // waits, each keeps `prefs` for its next `next`. False (nothing changes) if either is known.
  bool restore_pair(client_id a, preferences a_prefs, client_id b, preferences b_prefs);
  bool knows(client_id id) const { return clients_.count(id) != 0; }

  std::optional<client_id> partner_of(client_id id) const;
  bool is_waiting(client_id id) const;
  std::size_t waiting_count() const { return queue_.size(); }
  // The waiting clients, oldest first (for tests and diagnostics).
  std::vector<client_id> waiting_ids() const;
  std::size_t paired_count() const { return partners_.size(); }
  bool is_blocked(client_id a, client_id b) const;
  // Blocked pairs held in memory (for tests: they are released on disconnect).
  std::size_t blocked_pair_count() const;

 private:
  struct waiting {
    client_id id;
    preferences prefs;
    time_point since;
    std::uint64_t sequence;  // arrival order, to keep "first come, first served" stable
  };
  using queue_type = std::list<waiting>;

  struct client_state {
    std::optional<preferences> last_prefs;
    std::optional<client_id> avoid;         // the stranger this client just left or was left by
    std::unordered_set<client_id> blocked;  // reported by or reporting this client
    std::optional<queue_type::iterator> in_queue;
  };

  void unpair(client_id id, protocol::leave_reason reason, outcome& out);
  void dequeue(client_id id);
  void enqueue_and_match(client_id id, preferences prefs, time_point now, outcome& out);
  queue_type::iterator find_partner(const waiting& w, time_point now);
  void pair(queue_type::iterator a, queue_type::iterator b, outcome& out);
  bool open_to_anyone(const waiting& w, time_point now) const;
  bool avoided(client_id a, client_id b);
  bool someone_else_for(const waiting& w, client_id avoided_partner);

  config config_;
  queue_type queue_;  // in arrival order
  std::unordered_map<client_id, client_state> clients_;
  std::unordered_map<client_id, client_id> partners_;  // both directions
  std::uint64_t next_sequence_ = 0;
  // tick() has work only when someone left the queue or an interest wait ran out.
  bool dirty_ = false;
  time_point next_expiry_ = time_point::max();
};

}  // namespace novatalk::pairing
