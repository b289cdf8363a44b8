// Esc per screen, with the two-press arm in a call (see escape_key.hpp for the table).
#include "core/input/escape_key.hpp"

namespace novatalk::input {

const char* to_string(escape_action a) {
  switch (a) {
    case escape_action::none:
      return "none";
    case escape_action::start:
      return "start";
    case escape_action::arm_next:
      return "arm_next";
    case escape_action::next:
      return "next";
  }
  return "?";
}

bool escape_key::armed(time_point now) const { return armed_ && now - armed_at_ < kEscapeArmFor; }

escape_action escape_key::on_escape(session::screen current, time_point now) {
  using session::screen;
  switch (current) {
    case screen::connecting:
    case screen::in_call:
      if (armed(now)) {
        armed_ = false;
        return escape_action::next;
      }
      armed_ = true;
      armed_at_ = now;
      return escape_action::arm_next;
    case screen::idle:
      armed_ = false;
      return escape_action::start;
    case screen::searching:
    case screen::acquiring_media:
    case screen::media_blocked:
      break;
  }
  armed_ = false;
  return escape_action::none;
}

}  // namespace novatalk::input
