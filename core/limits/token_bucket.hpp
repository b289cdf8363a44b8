// A token bucket: at most `burst` events at once, refilled at a steady rate. Platform-free, no
// clock of its own (the caller passes `now`), so the server's message, skip and connection
// limits are tested without sockets or sleeping. A bucket with 0 for burst or rate is off.
#pragma once

#include <chrono>
#include <cstdint>

namespace novatalk::limits {

using clock = std::chrono::steady_clock;
using time_point = clock::time_point;

class token_bucket {
 public:
  // Off: every take() succeeds.
  token_bucket() = default;
  // Full at first: `burst` events at once, then one more every 1/`per_second` s. 0 in either
  // turns it off.
  token_bucket(std::uint32_t burst, std::uint32_t per_second);
  // One event per `interval` (a burst of 1); 0 turns it off.
  static token_bucket one_per(std::chrono::nanoseconds interval);

  bool off() const { return burst_ == 0; }
  // Takes a token: true when one was there (the event may go ahead), false when the event is
  // over the limit (nothing is taken).
  bool take(time_point now);
  // Whether the bucket has refilled completely (nothing taken that is not back by `now`).
  bool full(time_point now) const;
  // How long until take() succeeds (zero when it would now).
  std::chrono::nanoseconds wait(time_point now) const;

 private:
  token_bucket(std::uint32_t burst, std::chrono::nanoseconds interval);

  // The "virtual scheduling" form of the bucket (GCRA): instead of a token count, the time at
  // which the bucket will be full again. Integer nanoseconds: no rounding drift.
  std::uint32_t burst_ = 0;
  std::chrono::nanoseconds interval_{0};  // one token's refill time
  time_point full_at_ = time_point::min();
};

}  // namespace novatalk::limits
