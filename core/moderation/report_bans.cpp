// Bans after repeated reports (see report_bans.hpp). Every step has its twin in
// server/redis/pairing.lua (functions ban_left and count_report): change both.
#include "core/moderation/report_bans.hpp"

#include <algorithm>

namespace novatalk::moderation {

std::uint64_t seconds_left(std::chrono::milliseconds left) {
  if (left.count() <= 0) return 0;
  return static_cast<std::uint64_t>((left.count() + 999) / 1000);
}

std::chrono::milliseconds report_bans::banned_for(const address& a, time_point now) {
  time_point until = now;
  for (const std::string* key : {&a.current, &a.previous}) {
    if (key->empty()) continue;
    const auto it = bans_.find(*key);
    if (it != bans_.end()) until = std::max(until, it->second);
  }
  if (until <= now) return std::chrono::milliseconds(0);
  if (a.known()) {
    auto& mine = bans_[a.current];
    mine = std::max(mine, until);
  }
  return std::chrono::duration_cast<std::chrono::milliseconds>(until - now);
}

void report_bans::prune(window& w, time_point now) const {
  for (auto it = w.begin(); it != w.end();) {
    it = now - it->second >= cfg_.window ? w.erase(it) : std::next(it);
  }
}

std::optional<std::chrono::milliseconds> report_bans::report(const address& reported,
                                                             const address& reporter,
                                                             time_point now) {
  if (!enabled() || !reported.known() || !reporter.known()) return std::nullopt;
  if (banned_for(reported, now).count() > 0) return std::nullopt;
  window& w = windows_[reported.current];
  // Reports made under yesterday's key join today's (a reporter keeps its latest time).
  if (!reported.previous.empty() && reported.previous != reported.current) {
    const auto old = windows_.find(reported.previous);
    if (old != windows_.end()) {
      for (const auto& [by, at] : old->second) w[by] = std::max(w[by], at);
      windows_.erase(old);
    }
  }
  prune(w, now);
  // The same reporter under either of its keys counts once.
  if (w.count(reporter.current) == 0 && !reporter.previous.empty() &&
      w.count(reporter.previous) != 0) {
    w[reporter.previous] = now;
  } else {
    w[reporter.current] = now;
  }
  if (w.size() < cfg_.reports) return std::nullopt;
  windows_.erase(reported.current);
  const auto length = std::chrono::duration_cast<std::chrono::milliseconds>(cfg_.ban);
  bans_[reported.current] = now + length;
  return length;
}

void report_bans::expire(time_point now) {
  for (auto it = bans_.begin(); it != bans_.end();) {
    it = it->second <= now ? bans_.erase(it) : std::next(it);
  }
  for (auto it = windows_.begin(); it != windows_.end();) {
    prune(it->second, now);
    it = it->second.empty() ? windows_.erase(it) : std::next(it);
  }
}

}  // namespace novatalk::moderation
