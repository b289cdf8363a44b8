// The spinners of a frame as elements over the canvas (js/glue.js, Module.ntSpinners; app.css
// .nt-spin): a CSS animation turns them on the compositor, so a waiting screen (searching, a
// stranger found, reconnecting) needs no frames for its animation, and the main thread stays
// free for the call's setup (docs/performance.md, "Client"). The DOM is touched only on change.
#pragma once

#include <vector>

#include "wasm/ui_widgets.hpp"

namespace novatalk::client {

class spinner_view {
 public:
  // The drawn frame's spinners (canvas px; `scale` canvas px per CSS px); none hides them all.
  void show(const std::vector<widgets::spinner_place>& spinners, float scale);

 private:
  std::vector<float> shown_;  // x, y, radius, thickness per spinner, CSS px
  ImU32 arc_ = 0, track_ = 0;
};

}  // namespace novatalk::client
