// Pairing rules of protocol v1; see matchmaker.hpp for the rules themselves.
#include "core/pairing/matchmaker.hpp"

#include <algorithm>

namespace novatalk::pairing {

matchmaker::matchmaker(config cfg) : config_(cfg) {}

outcome matchmaker::join(client_id id, preferences prefs, time_point now) {
  outcome out;
  unpair(id, protocol::leave_reason::next, out);
  dequeue(id);
  clients_[id].last_prefs = prefs;
  enqueue_and_match(id, std::move(prefs), now, out);
  return out;
}

outcome matchmaker::next(client_id id, time_point now) {
  outcome out;
  auto it = clients_.find(id);
  if (it == clients_.end() || !it->second.last_prefs) return out;  // never joined: stays idle
  unpair(id, protocol::leave_reason::next, out);
  dequeue(id);
  enqueue_and_match(id, *it->second.last_prefs, now, out);
  return out;
}

outcome matchmaker::leave(client_id id, time_point) {
  outcome out;
  unpair(id, protocol::leave_reason::leave, out);
  dequeue(id);
  return out;
}

outcome matchmaker::report(client_id id, time_point now) {
  const auto partner = partner_of(id);
  if (!partner) return {};
  clients_[id].blocked.insert(*partner);
  clients_[*partner].blocked.insert(id);
  return next(id, now);  // paired implies joined: the reporter searches again at once
}

outcome matchmaker::disconnect(client_id id, time_point) {
  outcome out;
  unpair(id, protocol::leave_reason::disconnect, out);
  dequeue(id);
  auto it = clients_.find(id);
  if (it == clients_.end()) return out;
  // A block lives as long as both of its clients: release the other halves too.
  for (client_id other : it->second.blocked) {
    auto o = clients_.find(other);
    if (o != clients_.end()) o->second.blocked.erase(id);
  }
  clients_.erase(it);
  return out;
}

outcome matchmaker::tick(time_point now) {
  outcome out;
  // Nothing can have changed unless someone left the queue (which may free an avoided pair)
  // or someone's interest wait ran out.
  if (!dirty_ && now < next_expiry_) return out;
  dirty_ = false;
  for (auto it = queue_.begin(); it != queue_.end();) {
    auto partner = find_partner(*it, now);
    if (partner == queue_.end()) {
      ++it;
      continue;
    }
    // `partner` may be the entry right after `it`: step past both before they are erased.
    auto following = std::next(it);
    if (following == partner) ++following;
    pair(it, partner, out);
    it = following;
  }
  next_expiry_ = time_point::max();
  for (const waiting& w : queue_) {
    if (!w.prefs.interests.empty() && !open_to_anyone(w, now)) {
      next_expiry_ = std::min(next_expiry_, w.since + config_.interest_wait);
    }
  }
  return out;
}

bool matchmaker::rename(client_id from, client_id to, preferences prefs) {
  auto it = clients_.find(from);
  if (it == clients_.end() || from == to || clients_.count(to) != 0) return false;
  client_state state = std::move(it->second);
  clients_.erase(it);
  state.last_prefs = std::move(prefs);
  if (state.in_queue) (*state.in_queue)->id = to;
  for (client_id other : state.blocked) {
    auto& theirs = clients_[other].blocked;
    theirs.erase(from);
    theirs.insert(to);
  }
  // Rare (a resume), so a scan for who avoids `from` is fine.
  for (auto& [id, other] : clients_)
    if (other.avoid == from) other.avoid = to;
  clients_.emplace(to, std::move(state));
  const auto partner = partners_.find(from);
  if (partner != partners_.end()) {
    const client_id p = partner->second;
    partners_.erase(partner);
    partners_[to] = p;
    partners_[p] = to;
  }
  return true;
}

bool matchmaker::restore_pair(client_id a, preferences a_prefs, client_id b,
                              preferences b_prefs) {
  if (a == b || clients_.count(a) != 0 || clients_.count(b) != 0) return false;
  clients_[a].last_prefs = std::move(a_prefs);
  clients_[b].last_prefs = std::move(b_prefs);
  partners_[a] = b;
  partners_[b] = a;
  return true;
}

std::optional<client_id> matchmaker::partner_of(client_id id) const {
  auto it = partners_.find(id);
  if (it == partners_.end()) return std::nullopt;
  return it->second;
}

bool matchmaker::is_waiting(client_id id) const {
  auto it = clients_.find(id);
  return it != clients_.end() && it->second.in_queue.has_value();
}

bool matchmaker::is_blocked(client_id a, client_id b) const {
  auto it = clients_.find(a);
  return it != clients_.end() && it->second.blocked.count(b) != 0;
}

std::size_t matchmaker::blocked_pair_count() const {
  std::size_t halves = 0;
  for (const auto& [id, state] : clients_) halves += state.blocked.size();
  return halves / 2;
}

std::vector<client_id> matchmaker::waiting_ids() const {
  std::vector<client_id> out;
  out.reserve(queue_.size());
  for (const waiting& w : queue_) out.push_back(w.id);
  return out;
}

void matchmaker::unpair(client_id id, protocol::leave_reason reason, outcome& out) {
  auto it = partners_.find(id);
  if (it == partners_.end()) return;
  client_id partner = it->second;
  partners_.erase(it);
  partners_.erase(partner);
  out.left.push_back({partner, reason});
  clients_[id].avoid = partner;
  clients_[partner].avoid = id;
}

void matchmaker::dequeue(client_id id) {
  auto it = clients_.find(id);
  if (it == clients_.end() || !it->second.in_queue) return;
  queue_.erase(*it->second.in_queue);
  it->second.in_queue.reset();
  dirty_ = true;
}

void matchmaker::enqueue_and_match(client_id id, preferences prefs, time_point now, outcome& out) {
  queue_.push_back(waiting{id, std::move(prefs), now, next_sequence_++});
  auto self = std::prev(queue_.end());
  clients_[id].in_queue = self;
  auto partner = find_partner(*self, now);
  if (partner != queue_.end()) {
    pair(partner, self, out);
  } else if (!self->prefs.interests.empty()) {
    next_expiry_ = std::min(next_expiry_, now + config_.interest_wait);
  }
}

bool matchmaker::open_to_anyone(const waiting& w, time_point now) const {
  return w.prefs.interests.empty() || now - w.since >= config_.interest_wait;
}

static bool share_interest(const preferences& a, const preferences& b) {
  for (const auto& tag : a.interests) {
    if (std::find(b.interests.begin(), b.interests.end(), tag) != b.interests.end()) return true;
  }
  return false;
}

bool matchmaker::avoided(client_id a, client_id b) {
  return clients_[a].avoid == b || clients_[b].avoid == a;
}

// Rule 5: a pair that just split up stays apart while someone else of their mode waits who could
// be paired with either of them. Someone blocked with both of them never could: they do not count.
bool matchmaker::someone_else_for(const waiting& w, client_id avoided_partner) {
  const auto& w_blocked = clients_[w.id].blocked;
  const auto& partner_blocked = clients_[avoided_partner].blocked;
  for (const waiting& z : queue_) {
    if (z.id == w.id || z.id == avoided_partner || z.prefs.mode != w.prefs.mode) continue;
    if (w_blocked.count(z.id) != 0) {
      if (partner_blocked.count(z.id) == 0) return true;  // could take the partner
    } else if (!avoided(w.id, z.id)) {
      return true;
    }
  }
  return false;
}

matchmaker::queue_type::iterator matchmaker::find_partner(const waiting& w, time_point now) {
  const client_state& me = clients_[w.id];
  auto common = queue_.end();   // oldest with a common interest
  auto anyone = queue_.end();   // oldest that both are open to
  auto skipped = queue_.end();  // oldest acceptable one that w just left (or was left by)
  const bool w_open = open_to_anyone(w, now);
  for (auto it = queue_.begin(); it != queue_.end(); ++it) {
    if (it->id == w.id || it->prefs.mode != w.prefs.mode) continue;
    if (me.blocked.count(it->id) != 0) continue;  // one reported the other: never again
    const bool has_common = share_interest(w.prefs, it->prefs);
    const bool acceptable = has_common || (w_open && open_to_anyone(*it, now));
    if (!acceptable) continue;
    if (avoided(w.id, it->id)) {
      if (skipped == queue_.end()) skipped = it;
    } else if (has_common) {
      common = it;
      break;  // the oldest common match wins; nothing later can beat it
    } else if (anyone == queue_.end()) {
      anyone = it;
    }
  }
  if (common != queue_.end()) return common;
  if (anyone != queue_.end()) return anyone;
  // The stranger just skipped is acceptable only when nobody else could take either of them.
  if (skipped != queue_.end() && !someone_else_for(w, skipped->id)) return skipped;
  return queue_.end();
}

void matchmaker::pair(queue_type::iterator a, queue_type::iterator b, outcome& out) {
  if (b->sequence < a->sequence) std::swap(a, b);  // the one who waited longer makes the offer
  match m{a->id, b->id, {}};
  for (const auto& tag : a->prefs.interests) {
    if (std::find(b->prefs.interests.begin(), b->prefs.interests.end(), tag) !=
        b->prefs.interests.end()) {
      m.common.push_back(tag);
    }
  }
  partners_[a->id] = b->id;
  partners_[b->id] = a->id;
  clients_[a->id].in_queue.reset();
  clients_[b->id].in_queue.reset();
  queue_.erase(a);
  queue_.erase(b);
  out.matches.push_back(std::move(m));
}

}  // namespace novatalk::pairing
