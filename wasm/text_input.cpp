// Polls Module.ntUi.edit (set by the input's 'input' and 'selectionchange' events) and
// publishes the fields (boxes and texts) the page needs to focus the input during a tap.
#include "wasm/text_input.hpp"

#include <emscripten/val.h>

#include "wasm/ui_text_field.hpp"

namespace novatalk::client {
namespace {

using emscripten::val;

val glue() { return val::module_property("ntUi"); }

bool same(const css_box& a, const css_box& b) {
  return a.x == b.x && a.y == b.y && a.width == b.width && a.height == b.height;
}

bool same(const text_field_spot& a, const text_field_spot& b) {
  return same(a.box, b.box) && a.value == b.value;
}

val to_js(const text_field_spot& f) {
  val o = val::object();
  o.set("x", f.box.x);
  o.set("y", f.box.y);
  o.set("width", f.box.width);
  o.set("height", f.box.height);
  o.set("value", f.value);
  return o;
}

}  // namespace

std::optional<text_edit> text_input::take_edit() {
  val ui = glue();
  val e = ui["edit"];
  if (e.isNull() || e.isUndefined()) return std::nullopt;
  ui.set("edit", val::null());
  text_edit out;
  out.value = e["value"].as<std::string>();
  out.selection_start = utf16_to_utf8_offset(out.value, e["start"].as<std::size_t>());
  out.selection_end = utf16_to_utf8_offset(out.value, e["end"].as<std::size_t>());
  const val field = e["field"];
  if (field.isNumber()) out.field = field.as<std::size_t>();
  value_ = out.value;
  return out;
}

void text_input::sync(const std::optional<active_text_field>& active,
                      const std::vector<text_field_spot>& fields) {
  val ui = glue();
  bool fields_changed = fields.size() != fields_.size();
  for (std::size_t i = 0; !fields_changed && i < fields.size(); ++i) {
    fields_changed = !same(fields[i], fields_[i]);
  }
  if (fields_changed) {
    fields_ = fields;
    val list = val::array();
    for (const auto& f : fields_) list.call<void>("push", to_js(f));
    ui.set("fields", list);
  }

  val input = ui["input"];
  const bool focused = val::global("document")["activeElement"].strictlyEquals(input);
  ui.set("activeField", active ? static_cast<int>(active->index) : -1);
  if (!active) {
    // A tap has just focused the input for a field the UI has not activated yet (js/ui_glue.js
    // focusField): that is no reason to take the focus away again.
    const bool tapped = ui["tapField"].isNumber();
    if (focused && !tapped && ++inactive_frames_ >= blur_after_frames) input.call<void>("blur");
    if (!focused || inactive_frames_ >= blur_after_frames) id_ = 0;
    return;
  }
  inactive_frames_ = 0;
  if (active->id != id_ || active->value != value_) {
    id_ = active->id;
    value_ = active->value;
    ui.call<void>("setInput", value_, static_cast<int>(active->max_chars),
                  std::string(active->send_key ? "send" : "enter"));
  }
  if (!same(active->box, box_)) {
    box_ = active->box;
    ui.call<void>("placeInput", box_.x, box_.y, box_.width, box_.height);
  }
  if (!focused) {
    val opts = val::object();
    opts.set("preventScroll", true);
    input.call<void>("focus", opts);
  }
}

}  // namespace novatalk::client
