// The in-process pool (see memory_pool.hpp).
#include "server/memory_pool.hpp"

#include <utility>

namespace novatalk::server {

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

void memory_pool::join(client_id id, pairing::preferences prefs, pairing::time_point now,
                       pool_events& out) {
  append_events(matchmaker_.join(id, std::move(prefs), now), out);
}
void memory_pool::next(client_id id, pairing::time_point now, pool_events& out) {
  append_events(matchmaker_.next(id, now), out);
}
void memory_pool::leave(client_id id, pairing::time_point now, pool_events& out) {
  append_events(matchmaker_.leave(id, now), out);
}
void memory_pool::report(client_id id, pairing::time_point now, pool_events& out) {
  append_events(matchmaker_.report(id, now), out);
}
void memory_pool::disconnect(client_id id, pairing::time_point now, pool_events& out) {
  append_events(matchmaker_.disconnect(id, now), out);
}
void memory_pool::tick(pairing::time_point now, pool_events& out) {
  append_events(matchmaker_.tick(now), out);
}

bool memory_pool::relay(client_id from, std::string text, pool_events& out) {
  const auto partner = matchmaker_.partner_of(from);
  if (!partner) return false;
  pool_event e;
  e.type = pool_event::kind::relayed;
  e.to = *partner;
  e.text = std::move(text);
  e.stranger = from;
  out.push_back(std::move(e));
  return true;
}

}  // namespace novatalk::server
