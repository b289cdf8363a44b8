// The signaling connection over the browser's WebSocket. One socket at a time; events of an
// earlier socket (its generation) are dropped, so a late close never ends the new connection.
#pragma once

#include <functional>
#include <string>

#include <emscripten/val.h>

namespace novatalk::client {

class signaling_socket {
 public:
  struct callbacks {
    std::function<void()> on_open;
    std::function<void(const std::string& text)> on_message;
    // The close frame's code and reason (a draining server's "retry:<ms>"); 1006, "" when none.
    std::function<void(int code, const std::string& reason)> on_close;
  };

  explicit signaling_socket(callbacks cb);
  ~signaling_socket();
  signaling_socket(const signaling_socket&) = delete;
  signaling_socket& operator=(const signaling_socket&) = delete;

  // Replaces any current socket. A URL the browser refuses reports on_close(1006, "") right away.
  void open(const std::string& url);
  // False when not open (the session resends what matters after reconnect).
  bool send(const std::string& text);
  void close();  // idempotent; no on_close for a socket closed on purpose
  // The page is going away: a close frame (1000), so the server ends our pairing at once instead
  // of taking the drop for a network blip and keeping our stranger waiting out the resume grace.
  void say_goodbye();

  // Entry points for the exported JS callbacks.
  void handle_open(unsigned generation);
  void handle_message(unsigned generation, const emscripten::val& ev);
  void handle_close(unsigned generation, const emscripten::val& ev);

 private:
  callbacks cb_;
  emscripten::val ws_;
  unsigned generation_ = 0;
};

}  // namespace novatalk::client
