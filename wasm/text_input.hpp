// The hidden <input> of the shell (#nt-input, visually hidden but focusable) that phones'
// on-screen keyboards, IMEs and paste type into: focused while an ImGui text field is active,
// its edits go back to that field (wasm/ui_text_field.*). The JS half is in js/ui_glue.js.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "wasm/ui_host.hpp"

namespace novatalk::client {

class text_input {
 public:
  // Frames without an active field before the input gives up the focus. Not at once: tapping
  // Send deactivates the chat box for a frame, and a blur would close the phone's keyboard.
  static constexpr int blur_after_frames = 3;

  std::optional<text_edit> take_edit();
  void sync(const std::optional<active_text_field>& active,
            const std::vector<text_field_spot>& fields);

 private:
  unsigned id_ = 0;
  std::string value_;  // what the input holds, as far as we know
  css_box box_;
  std::vector<text_field_spot> fields_;
  int inactive_frames_ = 0;
};

}  // namespace novatalk::client
