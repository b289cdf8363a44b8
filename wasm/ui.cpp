// [SECTION] frame  [SECTION] bars  [SECTION] keys and accessible buttons  [SECTION] session
// [SECTION] live region
#include "wasm/ui.hpp"

#include <imgui.h>

#include <algorithm>

#include "wasm/ui_focus.hpp"
#include "wasm/ui_theme.hpp"

namespace novatalk::client {
namespace {

using theme::font_role;
using theme::font_scope;

struct footer_link {
  text_id label;
  const char* url;
  bool legal;  // stays in minimal mode: the Terms people accepted, and how their data is used
};
constexpr footer_link footer_links[] = {
    {text_id::link_privacy, "/privacy.html", true}, {text_id::link_terms, "/terms.html", true},
    {text_id::link_safety, "/safety.html", false},  {text_id::link_faq, "/faq.html", false},
    {text_id::link_blog, "/blog/", false},
};

// The hidden buttons of the accessible mirror, in the page's language.
std::vector<std::pair<page_action, std::string>> action_labels() {
  return {{page_action::accept_gate, tr(text_id::gate_accept)},
          {page_action::start, tr(text_id::action_start)},
          {page_action::next, tr(text_id::action_next)},
          {page_action::stop, tr(text_id::action_stop)},
          {page_action::toggle_mic, tr(text_id::action_toggle_mic)},
          {page_action::toggle_camera, tr(text_id::action_toggle_camera)}};
}

// The URL's interests win over the remembered ones (an embedding page chose them).
interests::interest_chips initial_chips(ui_host& host, const ui_options& o) {
  if (o.url_interests.empty()) return interests::interest_chips::parse(host.load(interests_key));
  interests::interest_chips chips;
  for (const auto& t : o.url_interests) (void)chips.add(t);
  return chips;
}

std::string joined(const std::vector<std::string>& v, const char* sep) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
  return s;
}

bool in_call_screens(session::screen s) {
  return s == session::screen::connecting || s == session::screen::in_call;
}

}  // namespace

ui::ui(ui_host& host, const ui_options& options)
    : host_(host), landing_(initial_chips(host, options), options.minimal), minimal_(options.minimal) {
  gate_accepted_ = host_.load(adult_key) == "1";
  host_.set_language(i18n::code(current_language()), action_labels());
  start_requested_ = options.autostart;
}

// [SECTION] frame -----------------------------------------------------------------------------

ui_output ui::draw(const ui_input& in) {
  ui_output out;
  const key_presses keys = host_.take_keys();
  const std::vector<page_action> actions = host_.take_actions();
  text_frame text;
  text.edit = host_.take_edit();
  text.scale = in.scale;
  const ImGuiIO& io = ImGui::GetIO();
  std::vector<named_box> regions;
  frame_ctx c{in,       *in.session, out,
              host_,    text,        layout::frame(io.DisplaySize.x, io.DisplaySize.y, in.scale),
              in.scale, &regions};
  focus::begin_frame(keys, in.scale);

  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("NovaTalk", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoScrollWithMouse);
  font_scope body(font_role::body);
  draw_background(c);
  draw_top_bar(c);
  const session::screen screen = c.s.current_screen();
  if (!gate_accepted_) {
    bool accepted = false;
    landing_.draw_gate(c, accepted);
    if (accepted) accept_gate();
  } else {
    switch (screen) {
      case session::screen::idle:
        landing_.draw(c);
        break;
      case session::screen::acquiring_media:
        landing_.draw_acquiring(c);
        break;
      case session::screen::media_blocked:
        landing_.draw_blocked(c);
        break;
      default:
        call_.draw(c, esc_.armed(c.s.now()) && in_call_screens(screen));
        break;
    }
  }
  draw_footer(c);
  ImGui::End();
  // Enter with nothing focused: the screen's main button (keyboard-only use).
  if (focus::take_default_enter()) {
    if (!gate_accepted_) {
      accept_gate();
    } else if (screen == session::screen::idle) {
      c.send(session::ui_start{});
    }
  }

  handle_keys(c, keys);
  handle_actions(c, actions);
  follow_session(c);
  announce(c);
  focus::end_frame();
  host_.sync_text_fields(text.active, text.fields);
  host_.publish_regions(regions);
  return out;
}

// [SECTION] bars ------------------------------------------------------------------------------

void ui::draw_background(frame_ctx& c) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  // A violet glow at the top fading into the page's near-black.
  const ImU32 top = theme::u32(theme::background_top());
  const ImU32 bottom = theme::u32(theme::background());
  const float glow = std::min(size.y, c.px(520));
  dl->AddRectFilledMultiColor(ImVec2(0, 0), ImVec2(size.x, glow), top, top, bottom, bottom);
}

void ui::draw_top_bar(frame_ctx& c) {
  const layout::box& b = c.boxes.top_bar;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float m = c.px(c.boxes.portrait ? 12 : 20);
  const float logo_h = c.px(c.boxes.portrait ? 30 : 34);
  widgets::logo(dl, ImVec2(b.x + m, b.y + (b.h - logo_h) * 0.5f), logo_h, c.k);

  const auto& s = c.s;
  const std::string right = online_text(s);
  const ImVec4 dot = s.socket() == session::socket_state::open ? theme::good() : theme::weak();
  const ImVec2 sz = widgets::badge_size(right, c.k, true);
  widgets::badge(dl, ImVec2(b.right() - m - sz.x, b.y + (b.h - sz.y) * 0.5f), right,
                 theme::u32(theme::surface_raised()), theme::u32(theme::text()), c.k, &dot);
}

void ui::draw_footer(frame_ctx& c) {
  const layout::box& b = c.boxes.footer;
  font_scope fs(font_role::small);
  const float sep = c.px(c.boxes.portrait ? 14 : 22);
  float total = 0;
  std::vector<footer_link> links;
  for (const auto& l : footer_links) {
    if (l.legal || !minimal_) links.push_back(l);
  }
  for (const auto& l : links) total += ImGui::CalcTextSize(tr(l.label)).x + sep;
  total -= sep;
  float x = b.x + std::max(0.0f, (b.w - total) * 0.5f);
  const float y = b.y + (b.h - ImGui::GetTextLineHeight()) * 0.5f;
  for (const auto& l : links) {
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    ImGui::PushStyleColor(ImGuiCol_Text, theme::text_muted());
    if (widgets::link(tr(l.label))) host_.open_link(l.url);
    c.last_item_region(i18n::key_name(l.label));  // "link_faq": tests see what is shown
    ImGui::PopStyleColor();
    x += ImGui::CalcTextSize(tr(l.label)).x + sep;
  }
}

// [SECTION] keys and accessible buttons ---------------------------------------------------------

void ui::handle_keys(frame_ctx& c, const key_presses& keys) {
  for (int i = 0; i < keys.escape; ++i) {
    if (call_.menu_open()) {  // Esc closes a menu first, never skips
      call_.close_menus();
      continue;
    }
    if (!gate_accepted_) continue;
    switch (esc_.on_escape(c.s.current_screen(), c.s.now())) {
      case input::escape_action::start:
        c.send(session::ui_start{});
        break;
      case input::escape_action::next:
        c.send(session::ui_next{});
        break;
      default:
        break;
    }
  }
}

void ui::handle_actions(frame_ctx& c, const std::vector<page_action>& actions) {
  for (page_action a : actions) {
    if (a == page_action::accept_gate) {
      accept_gate();
      continue;
    }
    if (!gate_accepted_) continue;
    switch (a) {
      case page_action::start:
        c.send(session::ui_start{});
        break;
      case page_action::next:
        c.send(session::ui_next{});
        break;
      case page_action::stop:
        c.send(session::ui_stop{});
        break;
      case page_action::toggle_mic:
        c.send(session::ui_toggle_mic{});
        break;
      case page_action::toggle_camera:
        c.send(session::ui_toggle_camera{});
        break;
      default:
        break;
    }
  }
}

void ui::accept_gate() {
  if (gate_accepted_) return;
  gate_accepted_ = true;
  host_.save(adult_key, "1");
}

// [SECTION] session ---------------------------------------------------------------------------

void ui::follow_session(frame_ctx& c) {
  const auto& s = c.s;
  const session::screen screen = s.current_screen();
  // A new stranger, or none: a half-finished double Esc must not skip the next one.
  if (s.call_id() != last_call_id_ || screen != last_screen_) {
    if (s.call_id() != last_call_id_) esc_.disarm();
    last_call_id_ = s.call_id();
    last_screen_ = screen;
  }

  // Interests: the remembered ones go to the session once; ones set by the page API come back.
  if (!interests_sent_) {
    interests_sent_ = true;
    if (!landing_.interests().chips().empty()) {
      c.send(session::ui_set_interests{landing_.interests().chips()});
    }
  } else if (s.interests() != session_interests_ && s.interests() != landing_.interests().chips()) {
    landing_.interests().replace(s.interests());
  }
  session_interests_ = s.interests();
  if (landing_.interests_changed()) {
    host_.save(interests_key, landing_.interests().serialize());
  }

  if (!gate_accepted_) return;
  if (start_requested_) {
    start_requested_ = false;
    if (screen == session::screen::idle) {
      c.send(session::ui_start{});
      return;
    }
  }
  // The self view on the landing screen, once per visit of it.
  const bool want_preview =
      screen == session::screen::idle && s.mode() == protocol::chat_mode::video;
  if (!want_preview) {
    preview_requested_ = false;
  } else if (!preview_requested_ && !s.has_local_video()) {
    preview_requested_ = true;
    c.send(session::ui_preview{});
  }
}

// [SECTION] live region -----------------------------------------------------------------------

void ui::announce(frame_ctx& c) {
  const auto& s = c.s;
  std::string status;
  std::vector<page_action> actions;
  if (!gate_accepted_) {
    status = tr(text_id::a11y_gate);
    actions = {page_action::accept_gate};
  } else {
    switch (s.current_screen()) {
      case session::screen::idle:
        if (s.banned()) {
          // Said once per minute left (the status changes only then); no Start to offer.
          status = tr(text_id::a11y_banned, std::to_string((s.ban_seconds_left() + 59) / 60));
          break;
        }
        status = tr(s.mode() == protocol::chat_mode::text ? text_id::a11y_ready_text
                                                          : text_id::a11y_ready);
        actions = {page_action::start};
        break;
      case session::screen::acquiring_media:
        status = tr(text_id::a11y_waiting_permission);
        actions = {page_action::stop};
        break;
      case session::screen::media_blocked:
        status = tr(text_id::a11y_media_unavailable);
        actions = {page_action::start, page_action::stop};
        break;
      case session::screen::searching:
        status = tr(s.partner_left_banner() ? text_id::a11y_left_searching
                                            : text_id::a11y_searching);
        actions = {page_action::stop};
        break;
      case session::screen::connecting:
        status = tr(text_id::a11y_found);
        actions = {page_action::next, page_action::stop};
        break;
      case session::screen::in_call:
        status = tr(s.ice_restarting() ? text_id::a11y_connection_lost : text_id::a11y_connected);
        if (!s.common_interests().empty()) {
          status += " " + tr(text_id::a11y_both_like, joined(s.common_interests(), ", "));
        } else if (s.common_fell_back()) {
          status += std::string(" ") + tr(text_id::a11y_no_common);
        }
        if (s.stranger_camera_off()) status += std::string(" ") + tr(text_id::a11y_camera_off);
        actions = {page_action::next, page_action::stop, page_action::toggle_mic,
                   page_action::toggle_camera};
        break;
    }
    if (s.socket() == session::socket_state::reconnecting || s.call_held()) {
      status = std::string(tr(text_id::a11y_reconnecting_server)) + " " + status;
    }
  }
  if (status != status_) {
    status_ = status;
    host_.announce_status(status_);
    host_.show_actions(actions);
  }

  // Each new chat line from the stranger (and NovaTalk's own lines), once.
  const auto& lines = s.transcript();
  if (lines.size() < chat_announced_) chat_announced_ = 0;  // a new stranger
  for (; chat_announced_ < lines.size(); ++chat_announced_) {
    const auto& l = lines[chat_announced_];
    if (l.from == session::chat_from::stranger) host_.announce_chat(tr(text_id::a11y_stranger_says, l.text));
    if (l.from == session::chat_from::system) host_.announce_chat(l.text);
  }
}

}  // namespace novatalk::client
