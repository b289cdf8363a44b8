// A single-line ImGui text field whose typing happens in the page's hidden <input>, so phones'
// on-screen keyboards, IMEs, paste and autocorrect work: the input is the source of edits,
// ImGui shows the text and the caret. The page focuses the input while the field is active.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "wasm/ui_host.hpp"

namespace novatalk::client {

// What the text fields of one frame share: the hidden input's edit (for the active field), and
// what the page must know afterwards. Enter presses come from ui_focus.
struct text_frame {
  std::optional<text_edit> edit;            // in
  float scale = 1;                          // in: canvas px per CSS px
  std::optional<active_text_field> active;  // out
  std::vector<text_field_spot> fields;      // out
};

class text_field {
 public:
  explicit text_field(std::size_t max_chars, bool send_key = false);

  struct result {
    bool edited = false;     // the text changed (typing, paste, deletion)
    bool submitted = false;  // Enter while being edited
    bool active = false;     // being edited
  };
  result draw(const char* id, const char* hint, float width, text_frame& frame);

  const std::string& value() const { return value_; }
  void set(std::string value);  // also while being edited (applied inside ImGui's callback)
  void activate();              // edit it from the next frame on (keeps a phone keyboard open)

 private:
  static int on_callback(ImGuiInputTextCallbackData* data);
  void take_edit(text_frame& frame);

  std::size_t max_chars_;
  bool send_key_;
  std::vector<char> buf_;
  std::string value_;
  std::optional<text_edit> pending_;
  bool pending_is_edit_ = false;  // from the input (a newer edit replaces it), not set()
  ImGuiID id_ = 0;
};

// Byte offset in `utf8` of the UTF-16 offset `units` (what a JS selectionStart counts).
std::size_t utf16_to_utf8_offset(const std::string& utf8, std::size_t units);
// The longest prefix of `utf8` of at most `max_bytes` bytes that does not cut a character.
std::string utf8_prefix(const std::string& utf8, std::size_t max_bytes);

}  // namespace novatalk::client
