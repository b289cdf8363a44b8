// What the UI needs from the page besides ImGui and the session: storage, the accessible mirror
// of the canvas, keys, the hidden text <input>, links. wasm/browser_host.* is the browser's; the
// interface keeps ui*.cpp free of Emscripten.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace novatalk::client {

// Keys counted by the page's own listener, so a press shorter than a frame is never lost and
// ImGui never sees them (it would revert a text field on Esc and tab only between text fields).
struct key_presses {
  int escape = 0;
  int tab = 0;        // Tab
  int shift_tab = 0;  // Shift+Tab
  int enter = 0;      // not while an IME composition is open
  int space = 0;      // not while typing
};

// A snapshot of the hidden <input> after the person edited it. Offsets are UTF-8 bytes.
struct text_edit {
  std::string value;
  std::size_t selection_start = 0;
  std::size_t selection_end = 0;
  // Typed right after a tap into text field N (its index among the frame's fields), before the
  // UI saw the tap: the page gave the input that field's text at the tap, so the edit is the
  // field's even though it is not active yet. Several keys often come within one frame.
  std::optional<std::size_t> field;
};

// A rectangle on the page, in CSS pixels.
struct css_box {
  float x = 0, y = 0, width = 0, height = 0;
};
// One of the page's <video> elements as the UI sees it: whether it has a picture, and its size.
struct video_frame {
  int width = 0;
  int height = 0;
  bool ready = false;  // a frame to show (until then the UI draws its placeholder)
};
// Where the UI shows a <video> this frame: beneath the canvas, which is transparent over `box`.
struct video_place {
  bool shown = false;  // hidden otherwise
  css_box box;
  bool mirror = false;  // the self view, as people expect to see themselves
};

// A named part of the screen ("hero", "chat", "next", ...): published for automation and tests.
struct named_box {
  std::string name;
  css_box box;
};

// A text field on screen this frame: where it is and what it holds (the page gives the hidden
// input this text when a tap focuses it, before the UI has seen the tap).
struct text_field_spot {
  css_box box;
  std::string value;
};

// The text field being edited, or none.
struct active_text_field {
  unsigned id = 0;            // ImGui id: a new id means a new field was activated
  std::size_t index = 0;      // among the frame's text_field_spots
  std::string value;          // what the field holds now
  std::size_t max_chars = 0;  // the hidden input's maxlength (UTF-16 units)
  css_box box;                // where it is (the browser keeps it in view)
  bool send_key = false;      // "send" on the on-screen keyboard's Enter key, else "done"
};

// Buttons of the accessible mirror (visually hidden real <button>s in the shell).
enum class page_action { none, accept_gate, start, next, stop, toggle_mic, toggle_camera };

class ui_host {
 public:
  virtual ~ui_host() = default;

  // localStorage: "" when absent or when storage is not available (private mode, sandbox).
  virtual std::string load(const std::string& key) = 0;
  virtual void save(const std::string& key, const std::string& value) = 0;

  // The ARIA live regions: the state in words, and each incoming chat message.
  virtual void announce_status(const std::string& text) = 0;
  virtual void announce_chat(const std::string& line) = 0;
  // Which hidden buttons make sense now.
  virtual void show_actions(const std::vector<page_action>& actions) = 0;

  // The page's language (<html lang>, a BCP 47 code) and the hidden buttons' labels in it.
  virtual void set_language(const std::string& code,
                            const std::vector<std::pair<page_action, std::string>>& labels) = 0;

  virtual void open_link(const std::string& url) = 0;  // in a new tab: a call is not cut

  // Polled once per frame.
  virtual key_presses take_keys() = 0;
  virtual std::vector<page_action> take_actions() = 0;
  virtual std::optional<text_edit> take_edit() = 0;
  // Published once per frame: the field being edited (focus the hidden input, set its value
  // when it differs) and where every text field is (the page focuses the hidden input on a tap
  // inside one while the tap is still a user gesture: that opens a phone's on-screen keyboard).
  virtual void sync_text_fields(const std::optional<active_text_field>& active,
                                const std::vector<text_field_spot>& fields) = 0;
  // Where the main parts of the screen are this frame.
  virtual void publish_regions(const std::vector<named_box>& regions) = 0;
};

}  // namespace novatalk::client
