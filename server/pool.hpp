// Where the waiting queue and the pairings live: in this process (memory_pool, the default) or
// in Redis, shared by every node (redis::redis_pool, with --redis). The hub speaks protocol v1
// and asks the pool; the pool applies the pairing rules of core/pairing and says what happened
// as pool_events: at once (memory), or later when Redis has answered (redis), through the
// callback the redis pool is given. Both produce the same events for the same history.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/moderation/report_bans.hpp"
#include "core/pairing/matchmaker.hpp"
#include "core/protocol/messages.hpp"

namespace novatalk::server {

using client_id = pairing::client_id;

struct pool_event {
  enum class kind {
    matched,       // `to` has a stranger now: role, common
    partner_left,  // `to`'s stranger left: reason
    relayed,       // `text` (an encoded server message) from `to`'s stranger
    unavailable,   // the shared pool cannot be reached: `to`'s request was not carried out
    banned,        // `to`'s address is banned for `retry_after` more seconds: it is not queued
    // A shared pool's answer to take_over: `to` holds the half (`pairing`, `role`) now; when
    // `stranger_left`, the stranger left meanwhile and `to` has none. Followed by what was held
    // for it (`relayed`), and then, if the stranger left, its `partner_left`.
    resumed,
    resume_failed,  // a shared pool refused take_over: `text` says why (used, gone, unavailable)
  };
  kind type = kind::matched;
  client_id to = 0;
  protocol::role role = protocol::role::initiator;
  std::vector<std::string> common;
  protocol::leave_reason reason = protocol::leave_reason::disconnect;
  std::string text;
  client_id stranger = 0;  // for the log: the stranger's id when on this node, else 0
  std::uint64_t retry_after = 0;  // banned: whole seconds left
  // matched: the pairing's id, the same for both halves on every node ("" when the pool cannot
  // resume); random, so it means nothing after the pairing and survives restarts.
  std::string pairing;
  bool stranger_left = false;  // resumed: the stranger left while `to` was away

  // `text` from `to`'s stranger (`stranger` when on this node, for the log).
  static pool_event relayed_to(client_id to, std::string text, client_id stranger = 0) {
    pool_event e;
    e.type = kind::relayed;
    e.to = to;
    e.text = std::move(text);
    e.stranger = stranger;
    return e;
  }
};

using pool_events = std::vector<pool_event>;

class pool {
 public:
  virtual ~pool() = default;

  // `from` is the requester's address as keys (unknown: no ban applies). While it is banned,
  // join, next and report leave the stranger and the queue and answer `banned` instead
  // (core/moderation/report_bans; docs/protocol.md, "Limits, bans and resume").
  virtual void join(client_id id, pairing::preferences prefs, const moderation::address& from,
                    pairing::time_point now, pool_events& out) = 0;
  virtual void next(client_id id, const moderation::address& from, pairing::time_point now,
                    pool_events& out) = 0;
  virtual void leave(client_id id, pairing::time_point now, pool_events& out) = 0;
  // Ends the call like next() and blocks the pair; no-op without a stranger. Counts against the
  // stranger's address; the report that bans it takes every client of that address out of the
  // queue and tells each `banned` (a call in progress goes on).
  virtual void report(client_id id, const moderation::address& from, pairing::time_point now,
                      pool_events& out) = 0;
  virtual void disconnect(client_id id, pairing::time_point now, pool_events& out) = 0;
  virtual void tick(pairing::time_point now, pool_events& out) = 0;
  // Hands `text` to the stranger of `from`; false when `from` has none (as far as we know).
  virtual bool relay(client_id from, std::string text, pool_events& out) = 0;

  virtual bool has_stranger(client_id id) const = 0;
  // The queued offer (protocol.md, "Queued offer"): a pool that knows at once whether a client
  // waits, and delivers both halves of a new pairing in one batch of events (initiator first),
  // lets the hub hold a waiter's offer and hand it over with `matched`. A shared pool does not
  // (a match is learnt later, possibly on another node): its nodes do not offer the feature.
  virtual bool hands_queued_offers() const { return false; }
  // `id` is in the queue now (only asked when hands_queued_offers()).
  virtual bool waiting(client_id) const { return false; }
  // The stranger when it is a client of this process (0 otherwise, or without one).
  virtual client_id local_stranger(client_id id) const = 0;
  // False while a shared pool cannot be reached (/healthz says 503).
  virtual bool available() const { return true; }
  // Everyone online in the pool (all nodes); `local` is this process's count.
  virtual std::uint64_t online(std::uint64_t local) const { return local; }

  // Session resume (docs/protocol.md). A pool that can carry a pairing over to a new
  // connection says so; the hub only hands out tokens then.
  virtual bool resumable() const { return false; }
  // `from` (a dropped connection) goes on as `to`, with `prefs` for its next `next`.
  virtual bool rename(client_id, client_id, pairing::preferences) { return false; }
  // Pairs two clients the pool does not know (a pairing from before a restart).
  virtual bool restore(client_id, pairing::preferences, client_id, pairing::preferences) {
    return false;
  }

  // A shared pool (every node) keeps the pairings of lost sockets itself: the hub asks it with
  // away() and take_over() instead of keeping them (rename/restore are not used then).
  virtual bool resume_shared() const { return false; }
  // `id`'s socket was lost: in a call, it is waited for `grace` (its stranger is told nothing);
  // otherwise, or when the grace ends, it is gone as by disconnect().
  virtual void away(client_id id, std::chrono::milliseconds, pairing::time_point now,
                    pool_events& out) {
    disconnect(id, now, out);
  }
  // `id` (a new connection) takes over the half `side` of `pairing` (from a verified token
  // whose single-use `nonce` expires in `nonce_ttl`); answered later by a `resumed` or
  // `resume_failed` event.
  virtual void take_over(client_id id, const std::string& pairing, protocol::role side,
                         pairing::preferences prefs, const std::string& nonce,
                         std::chrono::milliseconds nonce_ttl, pool_events& out) {
    (void)pairing, (void)side, (void)prefs, (void)nonce, (void)nonce_ttl;
    pool_event e;
    e.type = pool_event::kind::resume_failed;
    e.to = id;
    e.text = "off";
    out.push_back(std::move(e));
  }
};

}  // namespace novatalk::server
