// The screens before a call: the first-visit age gate, the landing screen (title, pitch,
// video/text toggle, interest chips, self-view preview, camera and microphone pickers, Start),
// the camera permission wait and the "camera not available" choice.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/interests/interest_chips.hpp"
#include "wasm/ui_context.hpp"

namespace novatalk::client {

// The interest chips (rules: core/interests/interest_chips) and the field to add them: Enter or
// a comma adds, the x removes.
class interest_editor {
 public:
  explicit interest_editor(interests::interest_chips chips);
  // Returns true when the chips changed.
  bool draw(frame_ctx& c, float width);
  const std::vector<std::string>& chips() const { return chips_.tags(); }
  std::string serialize() const { return chips_.serialize(); }  // for localStorage
  void replace(const std::vector<std::string>& tags);           // e.g. set by the page API

 private:
  bool add(const std::string& text);

  interests::interest_chips chips_;
  text_field field_;
  std::optional<interests::chip_error_code> message_;  // why the last tag was not added
};

class landing_screen {
 public:
  // `minimal`: the page's minimal=1, for a partner's side panel: no title, no pitch, no "or press
  // Esc" (docs/client.md lists what stays).
  landing_screen(interests::interest_chips chips, bool minimal);

  void draw_gate(frame_ctx& c, bool& accepted);
  void draw(frame_ctx& c);
  void draw_acquiring(frame_ctx& c);
  void draw_blocked(frame_ctx& c);

  interest_editor& interests() { return interests_; }
  const interest_editor& interests() const { return interests_; }
  bool interests_changed();  // since the last call: the page saves them

 private:
  void draw_column(frame_ctx& c, float width, bool with_preview);
  void draw_preview(frame_ctx& c, layout::box b);

  interest_editor interests_;
  bool interests_dirty_ = false;
  bool minimal_ = false;
  float gate_h_ = 0;    // the gate card's height last frame: centres it
  float column_h_ = 0;  // the landing column's height last frame: centres it
};

}  // namespace novatalk::client
