// The in-process pool (see memory_pool.hpp). The ban steps mirror server/redis/pairing.lua
// (refused, remember, start_ban): tests/server/redis/pairing_script_test.cpp compares them.
#include "server/memory_pool.hpp"

#include <utility>

#include "server/turn_credentials.hpp"

namespace novatalk::server {
namespace {
// Lapsed reports and bans are dropped this often (they are harmless until then).
constexpr auto expire_interval = std::chrono::minutes(1);
}  // namespace

void append_events(const pairing::outcome& o, pool_events& out) {
  for (const auto& gone : o.left) {
    pool_event e;
    e.type = pool_event::kind::partner_left;
    e.to = gone.to;
    e.reason = gone.reason;
    out.push_back(std::move(e));
  }
  for (const auto& m : o.matches) {
    pool_event a;
    a.type = pool_event::kind::matched;
    a.to = m.initiator;
    a.role = protocol::role::initiator;
    a.common = m.common;
    a.stranger = m.responder;
    pool_event b = a;
    b.to = m.responder;
    b.role = protocol::role::responder;
    b.stranger = m.initiator;
    out.push_back(std::move(a));
    out.push_back(std::move(b));
  }
}

memory_pool::memory_pool(pairing::config cfg, moderation::ban_config bans,
                         std::function<std::string()> new_pairing_id)
    : matchmaker_(cfg),
      bans_(bans),
      new_pairing_id_(new_pairing_id ? std::move(new_pairing_id) : random_turn_id) {}

// The events, each new pairing named (both halves get the same id).
void memory_pool::add(const pairing::outcome& o, pool_events& out) {
  const std::size_t first = out.size();
  append_events(o, out);
  for (std::size_t i = first; i < out.size(); ++i) {
    if (out[i].type != pool_event::kind::matched || out[i].role != protocol::role::initiator)
      continue;
    out[i].pairing = new_pairing_id_();
    out[i + 1].pairing = out[i].pairing;  // append_events puts the responder right after
  }
}


namespace {
pool_event banned_event(client_id to, std::chrono::milliseconds left) {
  pool_event e;
  e.type = pool_event::kind::banned;
  e.to = to;
  e.retry_after = moderation::seconds_left(left);
  return e;
}
}  // namespace

bool memory_pool::refused(client_id id, const moderation::address& from, pairing::time_point now,
                          pool_events& out) {
  const auto left = bans_.banned_for(from, now);
  if (left.count() <= 0) return false;
  add(matchmaker_.leave(id, now), out);
  out.push_back(banned_event(id, left));
  return true;
}

void memory_pool::remember(client_id id, const moderation::address& from) {
  auto& mine = address_[id];
  if (mine.current != from.current && !mine.current.empty()) {
    auto it = by_key_.find(mine.current);
    if (it != by_key_.end() && (it->second.erase(id), it->second.empty())) by_key_.erase(it);
  }
  if (!from.current.empty()) by_key_[from.current].insert(id);
  mine = from;
}

void memory_pool::forget(client_id id) {
  remember(id, {});
  address_.erase(id);
}

// Every client whose address (as of its last request) is `key` leaves the queue and hears of
// the ban; a call in progress goes on, and the next join/next is refused.
void memory_pool::start_ban(const std::string& key, std::chrono::milliseconds length,
                            pool_events& out) {
  const auto it = by_key_.find(key);
  if (it == by_key_.end()) return;
  for (client_id c : it->second) {
    if (matchmaker_.is_waiting(c)) add(matchmaker_.leave(c, {}), out);
    out.push_back(banned_event(c, length));
  }
}

void memory_pool::join(client_id id, pairing::preferences prefs, const moderation::address& from,
                       pairing::time_point now, pool_events& out) {
  if (refused(id, from, now, out)) return;
  remember(id, from);
  add(matchmaker_.join(id, std::move(prefs), now), out);
}

void memory_pool::next(client_id id, const moderation::address& from, pairing::time_point now,
                       pool_events& out) {
  if (address_.count(id) == 0) return;  // never joined: stays idle
  if (refused(id, from, now, out)) return;
  remember(id, from);
  add(matchmaker_.next(id, now), out);
}

void memory_pool::leave(client_id id, pairing::time_point now, pool_events& out) {
  add(matchmaker_.leave(id, now), out);
}

void memory_pool::report(client_id id, const moderation::address& from, pairing::time_point now,
                         pool_events& out) {
  const auto stranger = matchmaker_.partner_of(id);
  if (!stranger) return;
  if (refused(id, from, now, out)) return;  // a banned reporter's report counts for nothing
  remember(id, from);
  const auto it = address_.find(*stranger);
  if (it != address_.end()) {
    const moderation::address reported = it->second;  // start_ban may touch address_
    if (const auto length = bans_.report(reported, from, now)) {
      start_ban(reported.current, *length, out);
      // Reported someone at its own address (tabs, a carrier NAT): banned with it, so it is
      // not queued again (the stranger hears `leave`; a block would change nothing now).
      if (from.current == reported.current) return append_events(matchmaker_.leave(id, now), out);
    }
  }
  add(matchmaker_.report(id, now), out);
}

void memory_pool::disconnect(client_id id, pairing::time_point now, pool_events& out) {
  forget(id);
  add(matchmaker_.disconnect(id, now), out);
}

void memory_pool::tick(pairing::time_point now, pool_events& out) {
  if (now - expired_at_ >= expire_interval) {
    expired_at_ = now;
    bans_.expire(now);
  }
  add(matchmaker_.tick(now), out);
}

// The address goes along: a report still counts against it, and `next` finds a joined client.
bool memory_pool::rename(client_id from, client_id to, pairing::preferences prefs) {
  if (!matchmaker_.rename(from, to, std::move(prefs))) return false;
  const auto it = address_.find(from);
  if (it != address_.end()) {
    const moderation::address a = it->second;
    forget(from);
    remember(to, a);
  }
  return true;
}

// A restarted process knows no address for them yet: the next request brings it.
bool memory_pool::restore(client_id a, pairing::preferences pa, client_id b,
                          pairing::preferences pb) {
  if (!matchmaker_.restore_pair(a, std::move(pa), b, std::move(pb))) return false;
  address_[a];
  address_[b];
  return true;
}

bool memory_pool::relay(client_id from, std::string text, pool_events& out) {
  const auto partner = matchmaker_.partner_of(from);
  if (!partner) return false;
  out.push_back(pool_event::relayed_to(*partner, std::move(text), from));
  return true;
}

}  // namespace novatalk::server
