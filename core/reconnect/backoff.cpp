// Capped exponential backoff with full jitter; see backoff.hpp.
#include "core/reconnect/backoff.hpp"

#include <algorithm>
#include <cmath>

namespace novatalk::reconnect {

backoff::backoff(backoff_config cfg) : config_(cfg) {
  // Refuse nonsense loudly at construction instead of looping fast against a server.
  if (config_.initial.count() <= 0) config_.initial = std::chrono::milliseconds{1};
  if (config_.max < config_.initial) config_.max = config_.initial;
  if (!(config_.multiplier >= 1.0)) config_.multiplier = 1.0;
}

std::chrono::milliseconds backoff::next_delay(double unit_random) {
  const double cap = std::min(static_cast<double>(config_.max.count()),
                              static_cast<double>(config_.initial.count()) *
                                  std::pow(config_.multiplier, static_cast<double>(attempts_)));
  if (attempts_ < 64) ++attempts_;  // past 64 the cap is `max` anyway; avoids overflow
  return jittered(std::chrono::milliseconds{static_cast<long long>(cap)}, unit_random);
}

std::chrono::milliseconds jittered(std::chrono::milliseconds window, double unit_random) {
  if (window.count() <= 0) return std::chrono::milliseconds{0};
  // NaN and values outside [0, 1) from a careless source must not escape the window.
  if (!(unit_random >= 0.0)) unit_random = 0.0;
  using rep = std::chrono::milliseconds::rep;
  const auto scaled = static_cast<rep>(std::floor(unit_random * static_cast<double>(window.count())));
  return std::chrono::milliseconds{std::clamp<rep>(scaled, 0, window.count() - 1)};
}

}  // namespace novatalk::reconnect
