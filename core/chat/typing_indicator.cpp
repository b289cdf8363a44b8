// Typing indicator timing: the sender throttles and ends its typing messages, the receiver
// lets the indicator expire by itself.
#include "core/chat/typing_indicator.hpp"

namespace novatalk::chat {

bool typing_sender::on_input(time_point now) {
  last_input_ = now;
  if (active_ && now - last_sent_ < kTypingRepeatEvery) return false;
  active_ = true;
  last_sent_ = now;
  return true;
}

bool typing_sender::on_tick(time_point now) {
  if (!active_ || now - last_input_ < kTypingIdleAfter) return false;
  active_ = false;
  return true;
}

void typing_sender::on_message_sent() { active_ = false; }

void typing_sender::reset() { *this = typing_sender{}; }

void typing_receiver::on_typing(bool active, time_point now) {
  active_ = active;
  if (active) since_ = now;
}

void typing_receiver::on_chat_message() { active_ = false; }

bool typing_receiver::visible(time_point now) const {
  return active_ && now - since_ < kTypingVisibleFor;
}

void typing_receiver::reset() { *this = typing_receiver{}; }

}  // namespace novatalk::chat
