// The Esc key, as on Omegle: Esc on the landing screen starts; in a call the first Esc arms
// ("Press Esc again to skip") and a second one within kEscapeArmFor skips to the next stranger.
#pragma once

#include <chrono>

#include "core/session/session_states.hpp"

namespace novatalk::input {

using time_point = session::time_point;

// How long a first Esc in a call stays armed. Two presses within this = Next; a lone press
// (a slip of the hand) does nothing but show the hint.
inline constexpr std::chrono::milliseconds kEscapeArmFor{1000};

enum class escape_action {
  none,      // nothing to do on this screen
  start,     // landing screen: start searching (what the Start button does)
  arm_next,  // first press in a call: show "Press Esc again to skip" while armed()
  next,      // second press within kEscapeArmFor: what the Next button does
};
const char* to_string(escape_action a);  // "none", "start", "arm_next", "next"

// What Esc does on each screen:
//   idle                 start
//   connecting, in_call  arm_next, then next if pressed again within kEscapeArmFor (less than
//                        1 s later; at exactly 1 s the arm has expired and the press arms again)
//   searching            none: there is no stranger to skip, and a `next` would only move the
//                        person to the back of the queue. Esc does not stop either: Stop is a
//                        button, so holding or mashing Esc never ends the search by accident.
//   acquiring_media,     none: the browser's permission prompt or the "continue without video"
//   media_blocked        choice is on screen, and Esc there means "dismiss", not "start".
// Any press outside a call disarms. The UI passes key presses, not auto-repeats (with
// ImGui: IsKeyPressed(key, /*repeat=*/false)), or holding Esc would skip.
class escape_key {
 public:
  escape_action on_escape(session::screen current, time_point now);
  // True while a first press waits for its second: show the hint.
  bool armed(time_point now) const;
  // Call when the stranger changes (matched, partner_left, Next or Stop by button), so a press
  // meant for the last stranger never skips the new one.
  void disarm() { armed_ = false; }

 private:
  bool armed_ = false;
  time_point armed_at_{0};
};

}  // namespace novatalk::input
