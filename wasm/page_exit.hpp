// The page is going away: the window's `pagehide` (tab closed, navigated, or put into the
// back/forward cache), reported once per hide so the app can say goodbye while it still can.
#pragma once

#include <functional>

#include <emscripten/val.h>

namespace novatalk::client {

class page_exit {
 public:
  explicit page_exit(std::function<void()> on_hide);
  ~page_exit();
  page_exit(const page_exit&) = delete;
  page_exit& operator=(const page_exit&) = delete;

  void handle();  // entry point for the exported JS callback

 private:
  std::function<void()> on_hide_;
  emscripten::val listener_;
};

}  // namespace novatalk::client
