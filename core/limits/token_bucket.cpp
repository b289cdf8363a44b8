// The token bucket (see token_bucket.hpp), as GCRA: `full_at_` moves one interval later per
// event taken; an event fits while full_at_ stays within burst intervals of now.
#include "core/limits/token_bucket.hpp"

#include <algorithm>

namespace novatalk::limits {

token_bucket::token_bucket(std::uint32_t burst, std::uint32_t per_second)
    : token_bucket(per_second == 0 ? 0 : burst,
                   per_second == 0
                       ? std::chrono::nanoseconds(0)
                       : std::chrono::nanoseconds(std::chrono::seconds(1)) / per_second) {}

token_bucket::token_bucket(std::uint32_t burst, std::chrono::nanoseconds interval)
    : burst_(interval.count() > 0 ? burst : 0),
      interval_(burst_ == 0 ? interval.zero() : interval) {}

token_bucket token_bucket::one_per(std::chrono::nanoseconds interval) {
  return token_bucket(1, interval);
}

bool token_bucket::take(time_point now) {
  if (off()) return true;
  const time_point after = std::max(full_at_, now) + interval_;
  if (after - now > interval_ * burst_) return false;
  full_at_ = after;
  return true;
}

bool token_bucket::full(time_point now) const { return off() || full_at_ <= now; }

std::chrono::nanoseconds token_bucket::wait(time_point now) const {
  if (off() || full_at_ <= now) return std::chrono::nanoseconds(0);
  // Room for one more once full_at_ is within (burst - 1) intervals of now.
  const auto ahead = (full_at_ - now) - interval_ * (burst_ - 1);
  return std::max(std::chrono::nanoseconds(0),
                  std::chrono::duration_cast<std::chrono::nanoseconds>(ahead));
}

}  // namespace novatalk::limits
