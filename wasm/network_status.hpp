// The browser's idea of being online (navigator.onLine and the window's online/offline events),
// reported to the session so that it makes no reconnect attempts while the network is gone.
#pragma once

#include <functional>

#include <emscripten/val.h>

namespace novatalk::client {

class network_status {
 public:
  // on_change(online) on every change; online() says the state at any time.
  explicit network_status(std::function<void(bool online)> on_change);
  ~network_status();
  network_status(const network_status&) = delete;
  network_status& operator=(const network_status&) = delete;

  bool online() const;  // navigator.onLine; true where the browser does not say

  // Entry point for the exported JS callbacks.
  void handle(bool online);

 private:
  std::function<void(bool)> on_change_;
  emscripten::val online_listener_;
  emscripten::val offline_listener_;
};

}  // namespace novatalk::client
