// "Stranger is typing…": when to send typing messages over the data channel (typing_sender)
// and whether to show the indicator for what arrives (typing_receiver). Clock injected.
#pragma once

#include <chrono>

namespace novatalk::chat {

// Milliseconds since an origin the adapter picks, as session::time_point.
using time_point = std::chrono::milliseconds;

// While the person keeps typing, typing{active=true} is repeated at most this often: enough
// to keep the stranger's indicator alive (kTypingVisibleFor) without a message per keystroke.
inline constexpr std::chrono::milliseconds kTypingRepeatEvery{2000};
// After this long without an edit, the sender sends typing{active=false}.
inline constexpr std::chrono::milliseconds kTypingIdleAfter{3000};
// The receiver hides the indicator this long after the last typing{active=true}, so a lost
// or never-sent stop cannot leave it on. Three repeat periods: two lost repeats are forgiven.
inline constexpr std::chrono::milliseconds kTypingVisibleFor{6000};

class typing_sender {
 public:
  // An edit of the chat box. True when typing{active=true} should be sent now: the first edit,
  // and again once kTypingRepeatEvery (or more) has passed since the last one sent.
  bool on_input(time_point now);
  // Call about once a second. True (once) when typing{active=false} should be sent: an active
  // was sent and the last edit is kTypingIdleAfter (or more) ago.
  bool on_tick(time_point now);
  // A chat message was sent: the receiver hides its indicator on it, so no stop is needed.
  void on_message_sent();
  // A new stranger, or the chat closed.
  void reset();
  // True between a sent active=true and the stop (or message) that ends it.
  bool active() const { return active_; }

 private:
  bool active_ = false;
  time_point last_sent_{0};
  time_point last_input_{0};
};

class typing_receiver {
 public:
  void on_typing(bool active, time_point now);
  void on_chat_message();              // the stranger's message arrived: they stopped typing it
  bool visible(time_point now) const;  // until kTypingVisibleFor after the last active=true
  void reset();

 private:
  bool active_ = false;
  time_point since_{0};
};

}  // namespace novatalk::chat
