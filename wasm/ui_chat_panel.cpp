// The stranger's text is untrusted: it is only ever drawn with TextUnformatted (through
// widgets::wrapped), never passed to a printf-style ImGui call.
#include "wasm/ui_chat_panel.hpp"

#include <imgui.h>

#include <algorithm>

#include "core/chat/chat_text.hpp"
#include "wasm/ui_theme.hpp"

namespace novatalk::client {
namespace {

using theme::font_role;
using theme::font_scope;

const char* empty_line(const session::client_session& s) {
  switch (s.current_screen()) {
    case session::screen::searching:
      return tr(text_id::chat_looking);
    case session::screen::connecting:
      return tr(text_id::found_connecting);
    case session::screen::in_call:
      return tr(s.chat_ready() ? text_id::chat_say_hi : text_id::chat_opening);
    default:
      return "";
  }
}

}  // namespace

chat_panel::chat_panel() : field_(chat::kMaxChatCodePoints, /*send_key=*/true) {}

void chat_panel::draw(frame_ctx& c, const layout::box& b) {
  if (b.empty()) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float r = c.px(theme::radius_card);
  dl->AddRectFilled(ImVec2(b.x, b.y), ImVec2(b.right(), b.bottom()), theme::u32(theme::surface()),
                    r);
  const float pad = c.px(c.boxes.portrait ? 10 : 14);
  const float inner_w = b.w - 2 * pad;
  const float input_h = c.px(48);
  const float typing_h = c.px(24);
  ImGui::SetCursorScreenPos(ImVec2(b.x + pad, b.y + pad));
  draw_transcript(c, inner_w, std::max(0.0f, b.h - pad * 2 - input_h - typing_h - pad * 0.5f));

  // "Stranger is typing…" sits between the transcript and the box, so nothing jumps.
  const float typing_y = b.bottom() - pad - input_h - typing_h;
  if (c.s.current_screen() == session::screen::in_call && c.s.stranger_typing()) {
    font_scope fs(font_role::small);
    widgets::note_animation();
    const float dots = static_cast<float>(static_cast<int>(c.in.time_seconds * 3) % 3);
    for (int i = 0; i < 3; ++i) {
      const float a = i == static_cast<int>(dots) ? 1.0f : 0.4f;
      dl->AddCircleFilled(ImVec2(b.x + pad + c.px(4 + 9 * i), typing_y + typing_h * 0.5f), c.px(3),
                          theme::u32(theme::text_muted(), a), 12);
    }
    dl->AddText(
        ImVec2(b.x + pad + c.px(34), typing_y + (typing_h - ImGui::GetTextLineHeight()) * 0.5f),
        theme::u32(theme::text_muted()), tr(text_id::typing));
  }
  ImGui::SetCursorScreenPos(ImVec2(b.x + pad, b.bottom() - pad - input_h));
  draw_input(c, inner_w);
}

void chat_panel::draw_transcript(frame_ctx& c, float width, float height) {
  const auto& lines = c.s.transcript();
  if (lines.size() < lines_seen_) at_bottom_ = true;  // a new stranger: the transcript was cleared
  const bool grew = lines.size() > lines_seen_;
  lines_seen_ = lines.size();

  // A phone scrolls it with the finger: no scrollbar taking width from the bubbles.
  const ImGuiWindowFlags flags =
      ImGuiWindowFlags_NoBackground | (c.boxes.portrait ? ImGuiWindowFlags_NoScrollbar : 0);
  if (!ImGui::BeginChild("transcript", ImVec2(width, height), false, flags)) {
    ImGui::EndChild();
    return;
  }
  font_scope body(font_role::body);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(c.px(8), c.px(3)));
  width = ImGui::GetContentRegionAvail().x;  // less the scrollbar, once there is one
  const float bubble_max = width * (c.boxes.portrait ? 0.84f : 0.8f);
  const float padx = c.px(12), pady = c.px(8);
  ImGui::Dummy(ImVec2(0, c.px(6)));
  if (lines.empty()) {
    const std::string line = empty_line(c.s);
    const float wrap = std::min(width, c.px(320));
    const ImVec2 ts = ImGui::CalcTextSize(line.c_str(), nullptr, false, wrap);
    ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + (width - ts.x) * 0.5f,
                               std::max(ImGui::GetCursorPosY(), (height - ts.y) * 0.5f)));
    ImGui::PushStyleColor(ImGuiCol_Text, theme::text_muted());
    widgets::wrapped(line, wrap);
    ImGui::PopStyleColor();
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  session::chat_from last_from = session::chat_from::system;
  bool first = true;
  for (const auto& line : lines) {
    if (line.from == session::chat_from::system) {
      font_scope fs(font_role::small);
      ImGui::Dummy(ImVec2(0, c.px(2)));
      const float wrap = width * 0.9f;
      const ImVec2 ts = ImGui::CalcTextSize(line.text.c_str(), nullptr, false, wrap);
      ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (width - ts.x) * 0.5f);
      ImGui::PushStyleColor(ImGuiCol_Text, theme::text_muted());
      widgets::wrapped(line.text, wrap);
      ImGui::PopStyleColor();
      last_from = session::chat_from::system;
      first = false;
      continue;
    }
    const bool mine = line.from == session::chat_from::me;
    if (first || line.from != last_from) {
      // The name once per run of messages from the same side.
      font_scope fs(font_role::small);
      const char* name = tr(mine ? text_id::you : text_id::stranger);
      ImGui::Dummy(ImVec2(0, c.px(6)));
      const float nw = ImGui::CalcTextSize(name).x;
      const float x0 = ImGui::GetCursorPosX();
      if (mine)
        ImGui::SetCursorPosX(x0 + width - nw - c.px(4));
      else
        ImGui::SetCursorPosX(x0 + c.px(4));
      ImGui::PushStyleColor(ImGuiCol_Text, mine ? theme::brand_text() : theme::stranger_text());
      ImGui::TextUnformatted(name);
      ImGui::PopStyleColor();
    }
    last_from = line.from;
    first = false;
    const float wrap = bubble_max - 2 * padx;
    const ImVec2 ts =
        ImGui::CalcTextSize(line.text.c_str(), line.text.c_str() + line.text.size(), false, wrap);
    const ImVec2 size(ts.x + 2 * padx, ts.y + 2 * pady);
    const ImVec2 row = ImGui::GetCursorScreenPos();
    const ImVec2 p(mine ? row.x + width - size.x : row.x, row.y);
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y),
                      theme::u32(mine ? theme::bubble_me() : theme::bubble_stranger()), c.px(16));
    ImGui::SetCursorScreenPos(ImVec2(p.x + padx, p.y + pady));
    ImGui::PushStyleColor(ImGuiCol_Text, mine ? theme::on_bubble_me() : theme::text());
    widgets::wrapped(line.text, wrap);
    ImGui::PopStyleColor();
    ImGui::SetCursorScreenPos(ImVec2(row.x, p.y + size.y + c.px(6)));
    ImGui::Dummy(ImVec2(width, 0));
  }
  // Follow new messages, unless the person scrolled up to read.
  if (grew && at_bottom_) ImGui::SetScrollHereY(1.0f);
  at_bottom_ = ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - c.px(4);
  ImGui::PopStyleVar();
  ImGui::EndChild();
}

void chat_panel::draw_input(frame_ctx& c, float width) {
  const bool ready = c.s.current_screen() == session::screen::in_call && c.s.chat_ready();
  const float send_w = c.px(48);
  font_scope fs(font_role::body);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                      ImVec2(c.px(16), (c.px(48) - ImGui::GetFontSize()) * 0.5f));
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, c.px(24));
  ImGui::BeginDisabled(!ready);
  const text_field::result r =
      field_.draw("##chat", tr(ready ? text_id::type_message : text_id::chat_opens_later),
                  width - send_w - c.px(8), c.text);
  ImGui::EndDisabled();
  c.last_item_region("chat_input");
  ImGui::PopStyleVar(2);
  if (r.edited && ready && !field_.value().empty()) c.send(session::ui_chat_typing{});
  ImGui::SameLine(0, c.px(8));
  ImGui::BeginDisabled(!ready || field_.value().empty());
  const bool clicked =
      widgets::icon_button("send", widgets::icon::send, send_w, false, tr(text_id::send));
  c.last_item_region("send");
  ImGui::EndDisabled();
  if ((r.submitted || clicked) && ready) {
    send(c);
    field_.activate();  // keep typing: on a phone the keyboard stays open
  }
}

void chat_panel::send(frame_ctx& c) {
  // The session sanitises and caps it; an empty message (only spaces) is not sent at all.
  if (chat::sanitize_chat_text(field_.value()).empty()) return;
  c.send(session::ui_send_chat{field_.value()});
  field_.set("");
}

}  // namespace novatalk::client
