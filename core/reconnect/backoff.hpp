// Reconnect policy for the signaling socket: exponential backoff with jitter, so that thousands
// of clients cut off by one server restart do not all come back in the same millisecond.
// Randomness is injected (a number in [0, 1) per call), so tests are exact.
#pragma once

#include <chrono>

namespace novatalk::reconnect {

struct backoff_config {
  std::chrono::milliseconds initial{500};  // cap of the first delay
  std::chrono::milliseconds max{15000};    // cap of every delay
  double multiplier = 2.0;                 // cap growth per failed attempt
};

class backoff {
 public:
  explicit backoff(backoff_config cfg = {});

  // Delay before the next attempt, and counts the attempt. "Equal jitter": uniform in
  // [cap/2, cap), where cap = min(max, initial * multiplier^attempts): never zero, never
  // above `max`, spread over half the window.
  std::chrono::milliseconds next_delay(double unit_random);
  // Call once a connection has opened: the next failure starts from `initial` again.
  void reset() { attempts_ = 0; }
  unsigned attempts() const { return attempts_; }

 private:
  backoff_config config_;
  unsigned attempts_ = 0;
};

}  // namespace novatalk::reconnect
