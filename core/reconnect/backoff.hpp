// Reconnect policy for the signaling socket: capped exponential backoff with full jitter, so that
// thousands of clients cut off by one server restart do not all come back in the same
// millisecond. Randomness is injected (a number in [0, 1) per call), so tests are exact.
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

  // Delay before the next attempt, and counts the attempt. "Full jitter": uniform in [0, cap),
  // where cap = min(max, initial * multiplier^attempts). Spreads a crowd over the whole window
  // (fewer collisions than equal jitter's upper half); never reaches `max`.
  std::chrono::milliseconds next_delay(double unit_random);
  // Call once a connection has opened: the next failure starts from `initial` again.
  void reset() { attempts_ = 0; }
  unsigned attempts() const { return attempts_; }

 private:
  backoff_config config_;
  unsigned attempts_ = 0;
};

// A delay uniform in [0, window): unit_random (clamped to [0, 1)) scaled, rounded down, so it is
// below `window` whatever the input; 0 for an empty window. Also spreads a drain's retry hint.
std::chrono::milliseconds jittered(std::chrono::milliseconds window, double unit_random);

}  // namespace novatalk::reconnect
