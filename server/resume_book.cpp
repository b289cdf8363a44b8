// Session resume bookkeeping (see resume_book.hpp).
#include "server/resume_book.hpp"

namespace novatalk::server {

void resume_book::paired(client_id id, const half& h) {
  let_go(id);
  half_of_[id] = h;
  auto& slots = members_[h.pairing];
  slots[slot(h.side)] = id;
}

const resume_book::half* resume_book::half_of(client_id id) const {
  const auto it = half_of_.find(id);
  return it == half_of_.end() ? nullptr : &it->second;
}

std::optional<client_id> resume_book::member(const half& h) const {
  const auto it = members_.find(h.pairing);
  if (it == members_.end() || it->second[slot(h.side)] == 0) return std::nullopt;
  return it->second[slot(h.side)];
}

void resume_book::pairing_over(std::string pairing, std::int64_t until) {
  ended_[pairing] = until;
  const auto it = members_.find(pairing);
  if (it == members_.end()) return;
  // A copy: let_go erases the entry once both halves are gone (and `pairing` is taken by value
  // because callers pass a half's own id, which let_go erases too).
  const auto members = it->second;
  for (client_id id : members)
    if (id != 0 && !is_away(id)) let_go(id);
}

void resume_book::let_go(client_id id) {
  const auto it = half_of_.find(id);
  if (it == half_of_.end()) return;
  const auto m = members_.find(it->second.pairing);
  if (m != members_.end()) {
    auto& s = m->second[slot(it->second.side)];
    if (s == id) s = 0;
    if (m->second[0] == 0 && m->second[1] == 0) members_.erase(m);
  }
  half_of_.erase(it);
  refresh_.erase(id);
}

void resume_book::detach(client_id id, pairing::time_point deadline) {
  away_[id].deadline = deadline;
  refresh_.erase(id);
}

bool resume_book::hold(client_id id, std::string frame) {
  auto it = away_.find(id);
  if (it == away_.end()) return false;
  auto& a = it->second;
  if (a.held_bytes + frame.size() > held_bytes_max_) {
    a.deadline = pairing::time_point::min();
    return false;
  }
  a.held_bytes += frame.size();
  a.held.push_back(std::move(frame));
  return true;
}

std::vector<client_id> resume_book::expired(pairing::time_point now) {
  std::vector<client_id> out;
  for (auto it = away_.begin(); it != away_.end();) {
    if (it->second.deadline <= now) {
      out.push_back(it->first);
      it = away_.erase(it);
    } else {
      ++it;
    }
  }
  return out;
}

std::vector<std::string> resume_book::take_over(client_id from, client_id to) {
  std::vector<std::string> held;
  if (const auto a = away_.find(from); a != away_.end()) {
    held = std::move(a->second.held);
    away_.erase(a);
  }
  if (const auto h = half_of_.find(from); h != half_of_.end()) {
    const half moved = h->second;
    let_go(from);
    paired(to, moved);
  }
  return held;
}

void resume_book::forget(client_id id) {
  away_.erase(id);
  let_go(id);
}

bool resume_book::spend(const std::string& nonce, std::int64_t expires_at) {
  return spent_.emplace(nonce, expires_at).second;
}

void resume_book::refresh_at(client_id id, std::int64_t at) {
  refresh_[id] = at;
  refresh_queue_.emplace_back(at, id);
}

std::vector<client_id> resume_book::due_refreshes(std::int64_t now_unix) {
  std::vector<client_id> out;
  while (!refresh_queue_.empty() && refresh_queue_.front().first <= now_unix) {
    const auto [at, id] = refresh_queue_.front();
    refresh_queue_.pop_front();
    const auto it = refresh_.find(id);
    if (it == refresh_.end() || it->second != at) continue;  // rescheduled or gone since
    refresh_.erase(it);
    out.push_back(id);
  }
  return out;
}

void resume_book::prune(std::int64_t now_unix) {
  for (auto* m : {&spent_, &ended_})
    for (auto it = m->begin(); it != m->end();) it = it->second <= now_unix ? m->erase(it) : ++it;
}

}  // namespace novatalk::server
