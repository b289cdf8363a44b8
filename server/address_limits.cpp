// Per-address connection limits (see address_limits.hpp).
#include "server/address_limits.hpp"

#include <algorithm>

namespace novatalk::server {
namespace {
// Nobody knows when one of the open connections will close: a guess that is not hammering.
constexpr std::chrono::seconds open_retry_after{10};
}  // namespace

address_limits::admission address_limits::admit(const std::string& address,
                                                limits::time_point now) {
  if (off()) return {};
  std::lock_guard<std::mutex> lock(mutex_);
  auto [it, inserted] = entries_.try_emplace(address);
  entry& e = it->second;
  if (inserted) e.fresh = limits::token_bucket(cfg_.max_new, cfg_.max_new);
  if (cfg_.max_open != 0 && e.open >= cfg_.max_open)
    return {refusal::too_many_open, open_retry_after};
  if (!e.fresh.take(now)) {
    const auto wait = std::chrono::ceil<std::chrono::seconds>(e.fresh.wait(now));
    return {refusal::too_many_new, std::max(wait, std::chrono::seconds(1))};
  }
  ++e.open;
  return {};
}

void address_limits::release(const std::string& address, limits::time_point now) {
  if (off()) return;
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = entries_.find(address);
  if (it == entries_.end()) return;
  if (it->second.open > 0) --it->second.open;
  if (it->second.open == 0 && it->second.fresh.full(now)) entries_.erase(it);
}

void address_limits::sweep(limits::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->second.open == 0 && it->second.fresh.full(now)) {
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
}

std::size_t address_limits::size() {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

std::uint32_t address_limits::open(const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = entries_.find(address);
  return it == entries_.end() ? 0 : it->second.open;
}

}  // namespace novatalk::server
