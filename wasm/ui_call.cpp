// [SECTION] frame  [SECTION] hero and overlays  [SECTION] controls  [SECTION] report menu
#include "wasm/ui_call.hpp"

#include <imgui.h>

#include <algorithm>

#include "wasm/ui_focus.hpp"
#include "wasm/ui_theme.hpp"

namespace novatalk::client {
namespace {

using theme::font_role;
using theme::font_scope;
using widgets::button_kind;

struct reason {
  text_id label;
  const char* code;  // protocol reason
};
constexpr reason reasons[] = {
    {text_id::report_nudity, "nudity"},       {text_id::report_harassment, "harassment"},
    {text_id::report_spam, "spam"},           {text_id::report_underage, "underage"},
    {text_id::report_other, "other"},
};

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

// A menu (ImGui popup) `w` wide at `pos` with `pivot`, padded and rounded, with its title.
// Returns true when it is open; then call end_menu().
bool begin_menu(const char* id, const char* title, ImVec2 pos, ImVec2 pivot, float w, float k) {
  ImGui::SetNextWindowPos(pos, ImGuiCond_Always, pivot);
  ImGui::SetNextWindowSize(ImVec2(w, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(16 * k, 16 * k));
  ImGui::PushStyleVar(ImGuiStyleVar_PopupRounding, 16 * k);
  const bool open = ImGui::BeginPopup(id);
  ImGui::PopStyleVar(2);
  if (open) {
    font_scope fs(font_role::strong);
    ImGui::TextUnformatted(title);
  }
  return open;
}

std::string common_line(const session::client_session& s) {
  if (!s.common_interests().empty()) return tr(text_id::both_like, join(s.common_interests()));
  if (s.common_fell_back()) return tr(text_id::no_common);
  return "";
}

struct badge_look {
  std::string text;
  ImVec4 dot;
};
// "Good · direct", "Weak · relayed": the level from core/quality, and whether a TURN relay
// carries the call.
badge_look quality_badge(const session::client_session& s) {
  const session::call_quality& q = s.quality();
  badge_look b;
  switch (q.level) {
    case quality::quality_level::good:
      b = {tr(text_id::quality_good), theme::good()};
      break;
    case quality::quality_level::weak:
      b = {tr(text_id::quality_weak), theme::weak()};
      break;
    case quality::quality_level::bad:
      b = {tr(text_id::quality_bad), theme::bad()};
      break;
    default:
      b = {tr(text_id::quality_checking), theme::text_muted()};
      break;
  }
  if (!q.candidate_type.empty()) {
    b.text += std::string(" · ") + tr(q.relayed ? text_id::via_relay : text_id::via_direct);
  }
  return b;
}

bool in_call_screens(const session::client_session& s) {
  return s.current_screen() == session::screen::connecting ||
         s.current_screen() == session::screen::in_call;
}

// Centred lines over the hero: a headline and an optional second line.
void hero_message(ImDrawList* dl, ImVec2 center, const std::string& title, const std::string& sub,
                  float k) {
  {
    font_scope fs(font_role::heading);
    const ImVec2 ts = ImGui::CalcTextSize(title.c_str());
    dl->AddText(ImVec2(center.x - ts.x * 0.5f, center.y), theme::u32(theme::on_video()),
                title.c_str());
    center.y += ts.y + 6 * k;
  }
  if (!sub.empty()) {
    font_scope fs(font_role::body);
    const ImVec2 ts = ImGui::CalcTextSize(sub.c_str());
    dl->AddText(ImVec2(center.x - ts.x * 0.5f, center.y), theme::u32(theme::on_video_muted()),
                sub.c_str());
  }
}

}  // namespace

// [SECTION] frame -----------------------------------------------------------------------------

void call_screen::draw(frame_ctx& c, bool esc_armed) {
  const bool text_mode = c.s.mode() == protocol::chat_mode::text;
  const float aspect = c.in.local.ready && c.in.local.height > 0
                           ? static_cast<float>(c.in.local.width) / c.in.local.height
                           : 4.0f / 3.0f;
  const layout::call_boxes b = layout::call(c.boxes, c.k, text_mode, aspect);
  if (!text_mode) draw_hero(c, b, esc_armed);
  draw_controls(c, b.controls, text_mode);
  chat_.draw(c, b.chat);
  if (!text_mode) c.region("hero", b.hero);
  c.region("controls", b.controls);
  c.region("chat", b.chat);
  if (text_mode && esc_armed) {
    const std::string hint = tr(text_id::esc_again_to_skip);
    const ImVec2 sz = widgets::badge_size(hint, c.k, false);
    widgets::badge(ImGui::GetForegroundDrawList(),
                   ImVec2(b.chat.x + (b.chat.w - sz.x) * 0.5f, b.chat.y + c.px(12)), hint,
                   theme::u32(theme::rgb(0, 0, 0, 0.75f)), theme::u32(theme::on_video()), c.k);
  }
  draw_report(c);
  draw_devices(c);
  if (close_menus_) report_open_ = devices_open_ = false;
  close_menus_ = false;
}

// [SECTION] hero and overlays -----------------------------------------------------------------

void call_screen::draw_hero(frame_ctx& c, const layout::call_boxes& b, bool esc_armed) {
  const auto& s = c.s;
  const layout::box& h = b.hero;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 a(h.x, h.y), z(h.right(), h.bottom());
  const float r = c.px(theme::radius_card);
  dl->AddRectFilled(a, z, theme::u32(theme::video_well()), r);
  const ImVec2 mid((a.x + z.x) * 0.5f, (a.y + z.y) * 0.5f);
  const bool in_call = s.current_screen() == session::screen::in_call;
  const bool show_video = in_call && c.in.remote.ready && !s.stranger_camera_off();
  if (show_video) {
    c.video(c.out.remote, a, z, r, false);
  } else if (in_call && s.stranger_camera_off()) {
    widgets::draw_icon(dl, widgets::icon::camera_off, ImVec2(mid.x, mid.y - c.px(40)), c.px(48),
                       theme::u32(theme::on_video_muted()));
    hero_message(dl, ImVec2(mid.x, mid.y), tr(text_id::stranger_camera_off),
                 tr(text_id::still_hear), c.k);
  } else if (in_call) {
    hero_message(dl, ImVec2(mid.x, mid.y - c.px(20)), tr(text_id::connected),
                 tr(text_id::waiting_video), c.k);
  } else {
    widgets::spinner(ImVec2(mid.x, mid.y - c.px(40)), c.px(22), c.px(4));
    const bool found = s.current_screen() == session::screen::connecting;
    std::string title = tr(found ? text_id::stranger_found : text_id::looking);
    if (!found && s.partner_left_banner()) title = tr(text_id::stranger_left);
    hero_message(dl, ImVec2(mid.x, mid.y), title,
                 found                     ? tr(text_id::connecting)
                 : s.partner_left_banner() ? tr(text_id::finding_new)
                                           : online_text(s),
                 c.k);
  }
  if (in_call && s.ice_restarting()) {
    dl->AddRectFilled(a, z, theme::u32(theme::rgb(0, 0, 0, 0.6f)), r);
    widgets::spinner(ImVec2(mid.x, mid.y - c.px(40)), c.px(22), c.px(4));
    hero_message(dl, ImVec2(mid.x, mid.y), tr(text_id::reconnecting),
                 tr(text_id::connection_dropped), c.k);
  }

  // Top-left: quality; under it, what we have in common. Top-right: a notice.
  const float m = c.px(12);
  ImVec2 at(a.x + m, a.y + m);
  const ImU32 glass = theme::u32(theme::rgb(8, 10, 16, 0.72f));
  if (in_call) {
    const badge_look q = quality_badge(s);
    widgets::badge(dl, at, q.text, glass, theme::u32(theme::on_video()), c.k, &q.dot);
    at.y += widgets::badge_size(q.text, c.k, true).y + c.px(8);
  }
  const std::string common = in_call_screens(s) ? common_line(s) : "";
  if (!common.empty()) {
    widgets::badge(dl, at, common, glass, theme::u32(theme::on_video()), c.k);
  }
  if (s.notice() != session::notice_id::none) {
    const std::string notice = tr(notice_text(s.notice()));
    const ImVec2 sz = widgets::badge_size(notice, c.k, false);
    widgets::badge(dl, ImVec2(std::max(a.x + m, z.x - sz.x - m), a.y + m), notice,
                   theme::u32(theme::rgb(60, 44, 10, 0.9f)), theme::u32(theme::on_video()), c.k);
  }
  if (s.call_held()) {
    // Small and out of the way: the call itself is fine, only signaling is away.
    const std::string held = tr(text_id::call_kept_server_lost);
    const ImVec2 sz = widgets::badge_size(held, c.k, false);
    const float y = esc_armed ? z.y - 2 * sz.y - m - c.px(8) : z.y - sz.y - m;
    widgets::badge(dl, ImVec2(mid.x - sz.x * 0.5f, y), held, glass,
                   theme::u32(theme::on_video()), c.k);
  }
  if (esc_armed) {
    const std::string hint = tr(text_id::esc_again_to_skip);
    const ImVec2 sz = widgets::badge_size(hint, c.k, false);
    widgets::badge(dl, ImVec2(mid.x - sz.x * 0.5f, z.y - sz.y - m), hint,
                   theme::u32(theme::rgb(0, 0, 0, 0.75f)), theme::u32(theme::on_video()), c.k);
  }
  if (c.in.sound_blocked && in_call) {
    ImGui::SetCursorScreenPos(ImVec2(a.x + m, z.y - m - c.px(44)));
    if (widgets::button(tr(text_id::turn_on_sound), ImVec2(c.px(170), c.px(44)), button_kind::primary)) {
      c.out.enable_sound = true;
    }
  }
  draw_pip(c, b.pip);
}

void call_screen::draw_pip(frame_ctx& c, const layout::box& p) {
  const auto& s = c.s;
  if (p.empty() || !s.has_local_video()) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 a(p.x, p.y), z(p.right(), p.bottom());
  const float r = c.px(12);
  dl->AddRectFilled(a, z, theme::u32(theme::surface()), r);
  if (s.camera_on() && c.in.local.ready) {
    c.video(c.out.local, a, z, r, true);
  } else {
    widgets::draw_icon(dl, widgets::icon::camera_off,
                       ImVec2((a.x + z.x) * 0.5f, (a.y + z.y) * 0.5f), c.px(28),
                       theme::u32(theme::text_muted()));
  }
  dl->AddRect(a, z, theme::u32(theme::rgb(255, 255, 255, 0.35f)), r, 0, c.px(1.5f));
  c.region("pip", p);
  // Our own video opens the camera and microphone pickers (a gear in its corner says so).
  ImGui::SetCursorScreenPos(a);
  bool pressed = ImGui::InvisibleButton("own video", ImVec2(p.w, p.h));
  pressed |= focus::item();
  const ImVec2 gc(z.x - c.px(16), a.y + c.px(16));
  dl->AddCircleFilled(gc, c.px(12),
                      theme::u32(theme::rgb(0, 0, 0, ImGui::IsItemHovered() ? 0.8f : 0.55f)), 20);
  widgets::draw_icon(dl, widgets::icon::gear, gc, c.px(16), theme::u32(theme::on_video()));
  if (focus::ring_on_last_item()) focus::draw_ring(dl, a, z, r);
  if (ImGui::IsItemHovered() && !ImGui::IsItemActive()) {
    ImGui::SetTooltip("%s", tr(text_id::devices_title));
  }
  if (pressed) {
    devices_open_ = true;
    devices_anchor_ = ImVec2(z.x, a.y);
  }
}

// [SECTION] controls --------------------------------------------------------------------------

void call_screen::draw_controls(frame_ctx& c, const layout::box& b, bool text_mode) {
  const auto& s = c.s;
  const bool phone = c.boxes.portrait;
  const float h = c.px(phone ? 52 : 56);
  const float icon = c.px(phone ? 46 : 50);
  const float g = c.px(phone ? 8 : 10);
  const float y = b.y + (b.h - h) * 0.5f;
  float x = b.x;

  if (text_mode) {
    // Laptop: the status on the left, the buttons on the right. Phone: the status above them,
    // Next as wide as the row allows.
    const float stop_w = c.px(phone ? 80 : 96);
    float next_w = c.px(140);
    float by = y;
    if (phone) {
      draw_text_status(c, b.x, b.y, b.w);
      by = b.bottom() - h;
      next_w = b.w - icon - stop_w - 2 * g;
    } else {
      draw_text_status(c, b.x, b.y, std::max(0.0f, b.w - stop_w - next_w - icon - 3 * g));
    }
    x = b.right() - next_w - stop_w - icon - 2 * g;
    ImGui::SetCursorScreenPos(ImVec2(x, by + (h - icon) * 0.5f));
    ImGui::BeginDisabled(!in_call_screens(s));
    if (widgets::icon_button("report", widgets::icon::flag, icon, false, tr(text_id::report_title))) {
      report_open_ = true;
      report_by_keyboard_ = focus::last_press_by_keyboard();
      report_anchor_ = ImVec2(x, by);
    }
    c.last_item_region("report");
    ImGui::EndDisabled();
    ImGui::SetCursorScreenPos(ImVec2(x + icon + g, by));
    if (widgets::button(tr(text_id::stop), ImVec2(stop_w, h), button_kind::secondary)) {
      c.send(session::ui_stop{});
    }
    c.last_item_region("stop");
    ImGui::SetCursorScreenPos(ImVec2(b.right() - next_w, by));
    ImGui::BeginDisabled(s.current_screen() == session::screen::searching);
    if (widgets::button(tr(text_id::next), ImVec2(next_w, h), button_kind::primary, font_role::heading)) {
      c.send(session::ui_next{});
    }
    c.last_item_region("next");
    ImGui::EndDisabled();
    return;
  }

  const float stop_w = c.px(phone ? 72 : 110);
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  if (widgets::button(tr(text_id::stop), ImVec2(stop_w, h), button_kind::secondary))
    c.send(session::ui_stop{});
  c.last_item_region("stop");
  x += stop_w + g;
  const float iy = y + (h - icon) * 0.5f;
  ImGui::SetCursorScreenPos(ImVec2(x, iy));
  ImGui::BeginDisabled(!s.has_local_audio());
  if (widgets::icon_button("mic", s.mic_on() ? widgets::icon::mic : widgets::icon::mic_off, icon,
                           !s.mic_on(), tr(s.mic_on() ? text_id::mute_mic : text_id::unmute_mic))) {
    c.send(session::ui_toggle_mic{});
  }
  c.last_item_region("mic");
  ImGui::EndDisabled();
  x += icon + g;
  ImGui::SetCursorScreenPos(ImVec2(x, iy));
  ImGui::BeginDisabled(!s.has_local_video());
  if (widgets::icon_button("camera",
                           s.camera_on() ? widgets::icon::camera : widgets::icon::camera_off, icon,
                           !s.camera_on(), tr(s.camera_on() ? text_id::camera_turn_off : text_id::camera_turn_on))) {
    c.send(session::ui_toggle_camera{});
  }
  c.last_item_region("camera");
  ImGui::EndDisabled();
  x += icon + g;
  ImGui::SetCursorScreenPos(ImVec2(x, iy));
  ImGui::BeginDisabled(!in_call_screens(s));
  if (widgets::icon_button("report", widgets::icon::flag, icon, false, tr(text_id::report_title))) {
    report_open_ = true;
    report_by_keyboard_ = focus::last_press_by_keyboard();
    report_anchor_ = ImVec2(x, iy);
  }
  c.last_item_region("report");
  ImGui::EndDisabled();
  x += icon + g;

  // Next: the primary action, as wide as the row allows (a big target on a phone).
  const float next_w = std::min(b.right() - x - (phone ? 0 : g), c.px(phone ? 400 : 240));
  ImGui::SetCursorScreenPos(ImVec2(b.right() - next_w, y));
  ImGui::BeginDisabled(s.current_screen() == session::screen::searching);
  if (widgets::button(tr(text_id::next), ImVec2(next_w, h), button_kind::primary, font_role::heading)) {
    c.send(session::ui_next{});
  }
  c.last_item_region("next");
  ImGui::EndDisabled();
  if (!phone && b.right() - next_w - x > c.px(150)) {
    font_scope fs(font_role::small);
    const char* hint = tr(text_id::esc_esc_to_skip);
    const ImVec2 ts = ImGui::CalcTextSize(hint);
    ImGui::GetWindowDrawList()->AddText(
        ImVec2(b.right() - next_w - g - ts.x, y + (h - ts.y) * 0.5f),
        theme::u32(theme::text_muted()), hint);
  }
}

void call_screen::draw_text_status(frame_ctx& c, float x, float y, float width) {
  const auto& s = c.s;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  std::string title;
  switch (s.current_screen()) {
    case session::screen::in_call:
      title = tr(s.ice_restarting() ? text_id::reconnecting : text_id::connected_to_stranger);
      break;
    case session::screen::connecting:
      title = tr(text_id::found_connecting);
      break;
    default:
      title = tr(s.partner_left_banner() ? text_id::stranger_left : text_id::looking);
      break;
  }
  font_scope fs(font_role::strong);
  const float line = ImGui::GetTextLineHeight();
  float ty = y + c.px(4);
  if (s.current_screen() != session::screen::in_call) {
    widgets::spinner(ImVec2(x + c.px(10), ty + line * 0.5f), c.px(8), c.px(2.5f));
    dl->AddText(ImVec2(x + c.px(26), ty), theme::u32(theme::text()), title.c_str());
  } else {
    const badge_look q = quality_badge(s);
    dl->AddCircleFilled(ImVec2(x + c.px(6), ty + line * 0.5f), c.px(5), theme::u32(q.dot), 16);
    dl->AddText(ImVec2(x + c.px(18), ty), theme::u32(theme::text()), title.c_str());
  }
  std::string sub = in_call_screens(s) ? common_line(s) : "";
  if (s.current_screen() == session::screen::in_call) {
    sub = quality_badge(s).text + (sub.empty() ? "" : " · " + sub);
  }
  if (s.notice() != session::notice_id::none) sub = tr(notice_text(s.notice()));
  if (s.call_held()) sub = tr(text_id::call_kept_server_lost);
  if (!sub.empty()) {
    font_scope small(font_role::small);
    dl->PushClipRect(ImVec2(x, y), ImVec2(x + width, y + c.px(64)), true);
    dl->AddText(ImVec2(x, ty + line + c.px(4)), theme::u32(theme::text_muted()), sub.c_str());
    dl->PopClipRect();
  }
}

// [SECTION] devices menu --------------------------------------------------------------------

void call_screen::draw_devices(frame_ctx& c) {
  if (!c.s.has_local_video() && !c.s.has_local_audio()) devices_open_ = false;
  if (devices_open_ && !ImGui::IsPopupOpen("devices")) ImGui::OpenPopup("devices");
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float w = std::min(c.px(420), display.x - c.px(16));
  // Above our own video, right-aligned with it.
  const ImVec2 pos(std::max(w + c.px(8), devices_anchor_.x), devices_anchor_.y - c.px(8));
  if (begin_menu("devices", tr(text_id::devices_title), pos, ImVec2(1, 1), w, c.k)) {
    draw_device_pickers(c, w - c.px(32));
    if (close_menus_) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  } else {
    devices_open_ = false;
  }
}

// [SECTION] report menu -----------------------------------------------------------------------

void call_screen::draw_report(frame_ctx& c) {
  if (!in_call_screens(c.s)) report_open_ = false;
  if (report_open_ && !ImGui::IsPopupOpen("report")) ImGui::OpenPopup("report");
  const float w = c.px(300);
  // Above the Report button when it is in the lower half of the screen, else below it; kept on
  // screen sideways.
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const bool above = report_anchor_.y > display.y * 0.5f;
  const float x = std::clamp(report_anchor_.x - w * 0.3f, c.px(8), display.x - w - c.px(8));
  const ImVec2 pos(
      x, above ? report_anchor_.y - c.px(10) : report_anchor_.y + c.px(theme::button_height + 14));
  if (begin_menu("report", tr(text_id::report_title), pos, ImVec2(0, above ? 1.0f : 0.0f), w, c.k)) {
    {
      font_scope fs(font_role::small);
      ImGui::PushStyleColor(ImGuiCol_Text, theme::text_muted());
      widgets::wrapped(tr(text_id::report_explained), w - c.px(32));
      ImGui::PopStyleColor();
    }
    ImGui::Dummy(ImVec2(0, c.px(4)));
    font_scope fs(font_role::body);
    bool first = true;
    for (const auto& r : reasons) {
      if (widgets::button(tr(r.label), ImVec2(w - c.px(32), c.px(44)), button_kind::secondary,
                          font_role::body)) {
        c.send(session::ui_report{r.code});
        close_report_ = true;
      }
      c.last_item_region(r.code);
      if (first && report_by_keyboard_ && ImGui::IsWindowAppearing()) focus::focus_last_item();
      first = false;
    }
    if (widgets::button(tr(text_id::cancel), ImVec2(w - c.px(32), c.px(44)), button_kind::ghost,
                        font_role::body)) {
      close_report_ = true;
    }
    if (close_report_ || close_menus_) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  } else {
    report_open_ = false;  // closed by a click outside
  }
  if (close_report_) report_open_ = false;
  close_report_ = false;
}

}  // namespace novatalk::client
