// Exponential backoff with equal jitter; see backoff.hpp.
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
  unit_random = std::clamp(unit_random, 0.0, 1.0);
  const double cap = std::min(static_cast<double>(config_.max.count()),
                              static_cast<double>(config_.initial.count()) *
                                  std::pow(config_.multiplier, static_cast<double>(attempts_)));
  if (attempts_ < 64) ++attempts_;  // past 64 the cap is `max` anyway; avoids overflow
  const double delay = cap / 2.0 + unit_random * cap / 2.0;
  return std::chrono::milliseconds{static_cast<long long>(std::min(delay, cap))};
}

}  // namespace novatalk::reconnect
