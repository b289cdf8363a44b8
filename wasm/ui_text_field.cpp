// The field keeps its own copy of the text (value_) and ImGui's buffer; edits from the hidden
// input or from the program replace ImGui's text inside its callback, which is the only place
// ImGui accepts changes while the field is active.
#include "wasm/ui_text_field.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cstring>

#include "wasm/ui_focus.hpp"
#include "wasm/ui_theme.hpp"

namespace novatalk::client {

std::size_t utf16_to_utf8_offset(const std::string& s, std::size_t units) {
  std::size_t i = 0;
  std::size_t counted = 0;
  while (i < s.size() && counted < units) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 1;
    if (c >= 0xF0) {
      len = 4;
    } else if (c >= 0xE0) {
      len = 3;
    } else if (c >= 0xC0) {
      len = 2;
    }
    counted += len == 4 ? 2 : 1;  // outside the BMP: a surrogate pair in JS
    i = std::min(s.size(), i + len);
  }
  return i;
}

std::string utf8_prefix(const std::string& s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  std::size_t n = max_bytes;
  // Step back over continuation bytes (10xxxxxx) to the start of the cut character.
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

text_field::text_field(std::size_t max_chars, bool send_key)
    : max_chars_(max_chars), send_key_(send_key), buf_(max_chars * 4 + 1, '\0') {}

void text_field::set(std::string value) {
  value = utf8_prefix(value, buf_.size() - 1);
  std::memcpy(buf_.data(), value.data(), value.size());
  buf_[value.size()] = '\0';
  pending_ = text_edit{value, value.size(), value.size(), std::nullopt};
  pending_is_edit_ = false;
  value_ = std::move(value);
}

void text_field::activate() {
  if (id_ != 0) focus::activate_field(id_);
}

int text_field::on_callback(ImGuiInputTextCallbackData* d) {
  auto* self = static_cast<text_field*>(d->UserData);
  if (!self->pending_) return 0;
  const std::string v =
      utf8_prefix(self->pending_->value, static_cast<std::size_t>(d->BufSize - 1));
  d->DeleteChars(0, d->BufTextLen);
  d->InsertChars(0, v.data(), v.data() + v.size());
  const int n = static_cast<int>(v.size());
  d->SelectionStart = std::min(n, static_cast<int>(self->pending_->selection_start));
  d->SelectionEnd = std::min(n, static_cast<int>(self->pending_->selection_end));
  d->CursorPos = d->SelectionEnd;
  self->pending_.reset();
  return 0;
}

// A change by the program (set(): the box emptied after sending) wins over an edit the input
// reported before it heard of that change; the input is given the new text at the end of this
// frame. A newer edit replaces an older one that ImGui has not taken yet.
void text_field::take_edit(text_frame& frame) {
  if (!pending_ || pending_is_edit_) {
    pending_ = std::move(frame.edit);
    pending_is_edit_ = true;
  }
  frame.edit.reset();
}

text_field::result text_field::draw(const char* id, const char* hint, float width,
                                    text_frame& frame) {
  const std::size_t index = frame.fields.size();
  // The hidden input's edit belongs to the field that was active when it was typed, or to the
  // field a tap just focused the input for.
  const bool edit_is_mine = frame.edit && (!frame.edit->field || *frame.edit->field == index);
  if (edit_is_mine && id_ != 0 && ImGui::GetActiveID() == id_) take_edit(frame);
  ImGui::SetNextItemWidth(width);
  ImGui::InputTextWithHint(id, hint, buf_.data(), buf_.size(), ImGuiInputTextFlags_CallbackAlways,
                           &text_field::on_callback, this);
  id_ = ImGui::GetItemID();
  result r;
  r.active = ImGui::IsItemActive();
  // Typed after the tap that activated this field in this very frame: ImGui takes it next frame.
  if (r.active && frame.edit && frame.edit->field == index) take_edit(frame);
  focus::item(true);
  const ImVec2 a = ImGui::GetItemRectMin();
  const ImVec2 b = ImGui::GetItemRectMax();
  if (focus::ring_on_last_item() && !r.active) {
    focus::draw_ring(ImGui::GetWindowDrawList(), a, b, ImGui::GetStyle().FrameRounding);
  }
  const float k = frame.scale;
  const css_box box{a.x / k, a.y / k, (b.x - a.x) / k, (b.y - a.y) / k};
  frame.fields.push_back({box, pending_ ? pending_->value : value_});

  std::string now(buf_.data());
  if (!pending_) {  // a pending edit is ImGui's text from the next frame on
    r.edited = now != value_;
    value_ = std::move(now);
  }
  if (r.active) {
    r.submitted = focus::take_enter_for_field();
    frame.active =
        active_text_field{id_, index, pending_ ? pending_->value : value_, max_chars_, box, send_key_};
  }
  return r;
}

}  // namespace novatalk::client
