// [SECTION] interest chips  [SECTION] age gate  [SECTION] landing  [SECTION] camera permission
#include "wasm/ui_landing.hpp"

#include <imgui.h>

#include <algorithm>

#include "wasm/ui_devices.hpp"
#include "wasm/ui_focus.hpp"
#include "wasm/ui_theme.hpp"

namespace novatalk::client {
namespace {

using theme::font_role;
using theme::font_scope;
using widgets::button_kind;

constexpr const char* terms_url = "/terms.html";
constexpr const char* privacy_url = "/privacy.html";

// A child region at `b` that scrolls when its content is taller (phones, small windows).
bool begin_region(const char* id, const layout::box& b) {
  ImGui::SetCursorScreenPos(ImVec2(b.x, b.y));
  return ImGui::BeginChild(id, ImVec2(b.w, b.h), false, ImGuiWindowFlags_NoBackground);
}

void muted(const std::string& text, float width) {
  ImGui::PushStyleColor(ImGuiCol_Text, theme::text_muted());
  widgets::wrapped(text, width);
  ImGui::PopStyleColor();
}

void online_dot_line(frame_ctx& c) {
  font_scope fs(font_role::small);
  const std::string line = online_text(c.s);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetTextLineHeight();
  const bool open = c.s.socket() == session::socket_state::open;
  ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + c.px(5), p.y + h * 0.5f), c.px(5),
                                              theme::u32(open ? theme::good() : theme::weak()), 16);
  ImGui::SetCursorScreenPos(ImVec2(p.x + c.px(18), p.y));
  ImGui::PushStyleColor(ImGuiCol_Text, theme::text_muted());
  ImGui::TextUnformatted(line.c_str());
  ImGui::PopStyleColor();
}

}  // namespace

// [SECTION] interest chips ----------------------------------------------------------------------

interest_editor::interest_editor(interests::interest_chips chips)
    : chips_(std::move(chips)), field_(interests::kMaxTagChars) {}

void interest_editor::replace(const std::vector<std::string>& tags) {
  chips_.clear();
  for (const auto& t : tags) (void)chips_.add(t);
}

bool interest_editor::add(const std::string& text) {
  const std::size_t before = chips_.tags().size();
  auto r = chips_.add(text);
  if (r) {
    message_.reset();
  } else {
    message_ = r.error().code;
  }
  return chips_.tags().size() != before;
}

bool interest_editor::draw(frame_ctx& c, float width) {
  bool changed = false;
  // The chips, flowing into rows.
  const float gap = c.px(8);
  float x = 0;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  float y = origin.y;
  int remove = -1;
  const auto& tags = chips_.tags();
  for (std::size_t i = 0; i < tags.size(); ++i) {
    const float w = std::min(width, widgets::chip_width(tags[i], c.k));
    if (x > 0 && x + w > width) {
      x = 0;
      y += c.px(38) + gap;
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x + x, y));
    if (widgets::chip(tags[i], static_cast<int>(i), c.k)) remove = static_cast<int>(i);
    x += w + gap;
  }
  if (!tags.empty()) {
    ImGui::SetCursorScreenPos(ImVec2(origin.x, y + c.px(38) + gap));
  }
  if (remove >= 0) {
    chips_.remove(static_cast<std::size_t>(remove));
    message_.reset();
    changed = true;
  }
  const bool full = chips_.full();
  const char* hint = tr(full ? text_id::interests_full : text_id::interests_hint);
  ImGui::BeginDisabled(full);
  const text_field::result r = field_.draw("##interest", hint, width, c.text);
  ImGui::EndDisabled();
  c.last_item_region("interests");
  // A comma or Enter ends a tag (a pasted "music, art" is two); what follows the last comma
  // stays in the field.
  const std::string typed = field_.value();
  const std::size_t comma = typed.find_last_of(',');
  if (comma != std::string::npos) {
    changed |= add(typed.substr(0, comma));
    field_.set(typed.substr(comma + 1));
  } else if (r.submitted && !typed.empty()) {
    changed |= add(typed);
    field_.set("");
  } else if (r.active && r.edited) {
    message_.reset();
  }
  if (message_) {
    font_scope fs(font_role::small);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::weak());
    widgets::wrapped(tr(chip_error_text(*message_)), width);
    ImGui::PopStyleColor();
  }
  return changed;
}

// [SECTION] age gate ------------------------------------------------------------------------------

landing_screen::landing_screen(interests::interest_chips chips, bool minimal)
    : interests_(std::move(chips)), minimal_(minimal) {}

bool landing_screen::interests_changed() {
  const bool d = interests_dirty_;
  interests_dirty_ = false;
  return d;
}

void landing_screen::draw_gate(frame_ctx& c, bool& accepted) {
  const layout::box& area = c.boxes.content;
  const float w = std::min(area.w, c.px(520));
  const layout::box card{area.x + (area.w - w) * 0.5f, area.y, w, area.h};
  if (begin_region("gate", card)) {
    const float pad = c.px(c.boxes.portrait ? 20 : 32);
    const float inner = w - 2 * pad;
    float& last_h = gate_h_;
    const float top = std::max(0.0f, (card.h - last_h) * 0.5f);
    const ImVec2 p0(card.x, card.y + top);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, ImVec2(p0.x + w, p0.y + last_h), theme::u32(theme::surface()),
                      c.px(theme::radius_card));
    dl->AddRect(p0, ImVec2(p0.x + w, p0.y + last_h), theme::u32(theme::border()),
                c.px(theme::radius_card));
    ImGui::SetCursorScreenPos(ImVec2(p0.x + pad, p0.y + pad));
    ImGui::BeginGroup();
    widgets::logo(dl, ImGui::GetCursorScreenPos(), c.px(44), c.k);
    ImGui::Dummy(ImVec2(inner, c.px(44 + 16)));
    {
      font_scope fs(font_role::heading);
      widgets::wrapped(tr(text_id::gate_title), inner);
    }
    ImGui::Dummy(ImVec2(0, c.px(4)));
    {
      font_scope fs(font_role::body);
      widgets::wrapped(tr(text_id::gate_body), inner);
      ImGui::Dummy(ImVec2(0, c.px(4)));
      muted(tr(text_id::gate_kind), inner);
    }
    ImGui::Dummy(ImVec2(0, c.px(16)));
    const char* accept = tr(text_id::gate_accept);
    float h = c.px(56);
    {
      font_scope fs(font_role::strong);  // two lines when it does not fit on one (phones)
      if (ImGui::CalcTextSize(accept).x > inner - c.px(32)) h = c.px(72);
    }
    if (widgets::button(accept, ImVec2(inner, h), button_kind::primary)) accepted = true;
    c.last_item_region("gate_accept");
    ImGui::Dummy(ImVec2(0, c.px(8)));
    {
      font_scope fs(font_role::small);
      if (widgets::link(tr(text_id::terms_of_service))) c.host.open_link(terms_url);
      ImGui::SameLine(0, c.px(8));
      ImGui::PushStyleColor(ImGuiCol_Text, theme::text_muted());
      ImGui::TextUnformatted("·");
      ImGui::PopStyleColor();
      ImGui::SameLine(0, c.px(8));
      if (widgets::link(tr(text_id::privacy_policy))) c.host.open_link(privacy_url);
    }
    ImGui::EndGroup();
    last_h = ImGui::GetItemRectSize().y + 2 * pad;
    ImGui::SetCursorScreenPos(ImVec2(p0.x, p0.y + last_h));
    ImGui::Dummy(ImVec2(w, 1));
  }
  ImGui::EndChild();
}

// [SECTION] landing ---------------------------------------------------------------------------

void landing_screen::draw(frame_ctx& c) {
  const bool text = c.s.mode() == protocol::chat_mode::text;
  const layout::landing_boxes b = layout::landing(c.boxes, c.k, text);
  if (!b.preview.empty()) draw_preview(c, b.preview);
  if (begin_region("landing", b.column)) {
    draw_column(c, b.column.w - c.px(c.boxes.portrait ? 0 : 4), c.boxes.portrait && !text);
  }
  ImGui::EndChild();
}

void landing_screen::draw_column(frame_ctx& c, float width, bool with_preview) {
  float& last_h = column_h_;
  const float avail = ImGui::GetContentRegionAvail().y;
  if (last_h < avail)
    ImGui::Dummy(ImVec2(0, (avail - last_h) * 0.5f - ImGui::GetStyle().ItemSpacing.y));
  ImGui::BeginGroup();
  const bool phone = c.boxes.portrait;
  if (!minimal_) {
    {
      font_scope fs(phone ? font_role::heading : font_role::display);
      if (phone) ImGui::Dummy(ImVec2(0, c.px(4)));
      widgets::wrapped(tr(text_id::landing_title), width);
      c.last_item_region("title");
    }
    {
      font_scope fs(font_role::body);
      muted(tr(text_id::landing_pitch), width);
    }
    ImGui::Dummy(ImVec2(0, c.px(phone ? 4 : 12)));
  }

  if (with_preview) {
    const float h = std::min(width * 0.62f, c.px(260));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    draw_preview(c, layout::box{p.x, p.y, width, h});
    ImGui::SetCursorScreenPos(p);
    ImGui::Dummy(ImVec2(width, h));
    draw_device_pickers(c, width);
    ImGui::Dummy(ImVec2(0, c.px(4)));
  }

  // Video or text.
  const char* const modes[] = {tr(text_id::mode_video), tr(text_id::mode_text)};
  int mode = c.s.mode() == protocol::chat_mode::text ? 1 : 0;
  if (widgets::segmented("mode", modes, 2, mode, width, c.px(50))) {
    c.send(
        session::ui_set_mode{mode == 1 ? protocol::chat_mode::text : protocol::chat_mode::video});
  }
  ImGui::Dummy(ImVec2(0, c.px(4)));

  // Hide my IP: relay-only ICE, so the stranger sees the relay's address instead of ours.
  const char* const privacy[] = {tr(text_id::privacy_direct), tr(text_id::privacy_hide_ip)};
  int relay = c.s.relay_only() ? 1 : 0;
  if (widgets::segmented("privacy", privacy, 2, relay, width, c.px(40))) {
    c.send(session::ui_set_relay_only{relay == 1});
  }
  if (c.s.relay_only()) {
    font_scope fs(font_role::small);
    muted(c.s.turn_available() || c.s.socket() != session::socket_state::open
              ? tr(text_id::relay_explained)
              : tr(text_id::relay_missing),
          width);
  }
  ImGui::Dummy(ImVec2(0, c.px(4)));

  {
    font_scope fs(font_role::small);
    muted(tr(text_id::interests_label), width);
  }
  {
    font_scope fs(font_role::body);
    if (interests_.draw(c, width)) {
      interests_dirty_ = true;
      c.send(session::ui_set_interests{interests_.chips()});
    }
  }
  ImGui::Dummy(ImVec2(0, c.px(8)));
  // Banned after reports: why, and for how long (whole minutes, rounded up); Start waits.
  const bool banned = c.s.banned();
  if (banned) {
    {
      font_scope fs(font_role::strong);
      ImGui::PushStyleColor(ImGuiCol_Text, theme::bad());
      widgets::wrapped(tr(text_id::banned_title), width);
      ImGui::PopStyleColor();
    }
    font_scope fs(font_role::body);
    widgets::wrapped(tr(text_id::banned_body, std::to_string((c.s.ban_seconds_left() + 59) / 60)),
                     width);
    ImGui::Dummy(ImVec2(0, c.px(4)));
  }
  ImGui::BeginDisabled(banned);
  if (widgets::button(tr(text_id::start), ImVec2(width, c.px(theme::primary_height)), button_kind::primary,
                      font_role::heading)) {
    c.send(session::ui_start{});
  }
  ImGui::EndDisabled();
  c.last_item_region("start");
  {
    font_scope fs(font_role::small);
    if (!phone && !minimal_ && !banned)
      widgets::centered(tr(text_id::or_press_esc), theme::text_muted());
    if (c.s.socket() != session::socket_state::open) online_dot_line(c);
    // While banned the notice above says what matters; a late relay error would only confuse.
    if (!banned && !c.s.last_error().empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, theme::bad());
      widgets::wrapped(c.s.last_error(), width);
      ImGui::PopStyleColor();
    }
    if (c.s.notice() != session::notice_id::none) {
      ImGui::PushStyleColor(ImGuiCol_Text, theme::weak());
      widgets::wrapped(tr(notice_text(c.s.notice())), width);
      ImGui::PopStyleColor();
    }
  }
  ImGui::EndGroup();
  last_h = ImGui::GetItemRectSize().y;
}

void landing_screen::draw_preview(frame_ctx& c, layout::box b) {
  // On a desktop the card is 4:3 and centred in its column, with the pickers under it.
  const bool inline_card = c.boxes.portrait;
  layout::box card = b;
  if (!inline_card) {
    const float pickers = c.px(56);
    card.h = std::min(b.h - pickers, b.w * 0.75f);
    card.w = std::min(b.w, card.h / 0.75f);
    card.x = b.x + (b.w - card.w) * 0.5f;
    card.y = b.y + (b.h - card.h - pickers) * 0.5f;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 a(card.x, card.y);
  const ImVec2 z(card.right(), card.bottom());
  const float r = c.px(theme::radius_card);
  dl->AddRectFilled(a, z, theme::u32(theme::video_well()), r);
  const bool live = c.s.has_local_video() && c.s.camera_on() && c.in.local.ready;
  if (live) {
    c.video(c.out.local, a, z, r, true);
    widgets::badge(dl, ImVec2(a.x + c.px(12), a.y + c.px(12)), tr(text_id::your_camera),
                   theme::u32(theme::rgb(0, 0, 0, 0.55f)), theme::u32(theme::on_video()), c.k);
  } else {
    const ImVec2 mid((a.x + z.x) * 0.5f, (a.y + z.y) * 0.5f);
    widgets::draw_icon(dl, widgets::icon::camera, ImVec2(mid.x, mid.y - c.px(22)), c.px(40),
                       theme::u32(theme::on_video_muted()));
    font_scope fs(font_role::body);
    const char* line = c.s.current_screen() == session::screen::idle && c.s.has_local_video()
                           ? tr(text_id::camera_is_off)
                           : tr(text_id::preview_placeholder);
    const ImVec2 ts = ImGui::CalcTextSize(line);
    dl->AddText(ImVec2(mid.x - ts.x * 0.5f, mid.y + c.px(10)), theme::u32(theme::on_video_muted()),
                line);
  }
  dl->AddRect(a, z, theme::u32(theme::border()), r);
  c.region("preview", card);
  if (!inline_card) {
    ImGui::SetCursorScreenPos(ImVec2(card.x, card.bottom() + c.px(12)));
    draw_device_pickers(c, card.w);
  }
}

// [SECTION] camera permission -------------------------------------------------------------------

void landing_screen::draw_acquiring(frame_ctx& c) {
  const layout::box& b = c.boxes.content;
  const float w = std::min(b.w, c.px(440));
  ImGui::SetCursorScreenPos(ImVec2(b.x + (b.w - w) * 0.5f, b.y + b.h * 0.3f));
  ImGui::BeginGroup();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  widgets::draw_icon(dl, widgets::icon::camera, ImVec2(p.x + w * 0.5f, p.y + c.px(24)), c.px(44),
                     theme::u32(theme::brand_text()));
  ImGui::Dummy(ImVec2(w, c.px(60)));
  {
    font_scope fs(font_role::heading);
    widgets::centered(tr(text_id::allow_title), theme::text());
  }
  {
    font_scope fs(font_role::body);
    widgets::centered(tr(text_id::allow_sub), theme::text_muted());
  }
  ImGui::Dummy(ImVec2(0, c.px(16)));
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (w - c.px(200)) * 0.5f);
  if (widgets::button(tr(text_id::cancel), ImVec2(c.px(200), c.px(theme::button_height)),
                      button_kind::secondary)) {
    c.send(session::ui_stop{});
  }
  ImGui::EndGroup();
}

void landing_screen::draw_blocked(frame_ctx& c) {
  const layout::box& b = c.boxes.content;
  const float w = std::min(b.w, c.px(460));
  ImGui::SetCursorScreenPos(ImVec2(b.x + (b.w - w) * 0.5f, b.y + b.h * 0.22f));
  ImGui::BeginGroup();
  {
    font_scope fs(font_role::heading);
    widgets::wrapped(tr(text_id::blocked_title), w);
  }
  {
    font_scope fs(font_role::body);
    muted(tr(media_error_text(c.s.media_error())), w);
  }
  ImGui::Dummy(ImVec2(0, c.px(16)));
  const ImVec2 size(w, c.px(theme::button_height));
  if (widgets::button(tr(text_id::continue_without_camera), size, button_kind::primary)) {
    c.send(session::ui_continue_without_media{});
  }
  if (widgets::button(tr(text_id::try_again), size, button_kind::secondary)) c.send(session::ui_start{});
  if (widgets::button(tr(text_id::text_instead), size, button_kind::secondary)) {
    c.send(session::ui_stop{});
    c.send(session::ui_set_mode{protocol::chat_mode::text});
  }
  if (widgets::button(tr(text_id::back), size, button_kind::ghost)) c.send(session::ui_stop{});
  ImGui::EndGroup();
}

}  // namespace novatalk::client
