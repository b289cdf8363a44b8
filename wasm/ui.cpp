// [SECTION] helpers  [SECTION] frame  [SECTION] landing / permission / blocked  [SECTION] call
// Everything the stranger or the server controls (interests, errors) is drawn with
// TextUnformatted: never as a format string.
#include "wasm/ui.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "wasm/interests_text.hpp"

namespace novatalk::client {
namespace {

// [SECTION] helpers ---------------------------------------------------------------------------

const ImVec4 accent{0.18f, 0.55f, 0.95f, 1.0f};
const ImVec4 danger{0.85f, 0.25f, 0.25f, 1.0f};
const ImVec4 muted_text{0.65f, 0.68f, 0.74f, 1.0f};

bool big_button(const char* label, float width, float scale, const ImVec4* color = nullptr) {
  if (color) {
    ImGui::PushStyleColor(ImGuiCol_Button, *color);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered,
                          ImVec4(color->x * 1.15f, color->y * 1.15f, color->z * 1.15f, 1));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, *color);
  }
  const bool pressed = ImGui::Button(label, ImVec2(width, 40 * scale));
  if (color) ImGui::PopStyleColor(3);
  return pressed;
}

// Centres the next item of `width` horizontally in the current window.
void center_next(float width) {
  const float avail = ImGui::GetContentRegionAvail().x;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (avail - width) * 0.5f));
}

void centered_text(const std::string& text, const ImVec4* color = nullptr) {
  center_next(ImGui::CalcTextSize(text.c_str()).x);
  if (color) ImGui::PushStyleColor(ImGuiCol_Text, *color);
  ImGui::TextUnformatted(text.c_str());
  if (color) ImGui::PopStyleColor();
}

std::string online_text(std::uint64_t n) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%llu online", static_cast<unsigned long long>(n));
  return buf;
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

// Largest rectangle of the video's aspect ratio inside `size`, centred at `pos`.
void fit(const video_frame& f, ImVec2 pos, ImVec2 size, ImVec2& p0, ImVec2& p1) {
  const float aspect = f.height > 0 ? static_cast<float>(f.width) / f.height : 4.0f / 3.0f;
  float w = size.x;
  float h = w / aspect;
  if (h > size.y) {
    h = size.y;
    w = h * aspect;
  }
  p0 = ImVec2(pos.x + (size.x - w) * 0.5f, pos.y + (size.y - h) * 0.5f);
  p1 = ImVec2(p0.x + w, p0.y + h);
}

void draw_video(ImDrawList* dl, const video_frame& f, ImVec2 pos, ImVec2 size, bool mirror) {
  ImVec2 p0, p1;
  fit(f, pos, size, p0, p1);
  // The local preview is mirrored, as people expect to see themselves.
  const ImVec2 uv0(mirror ? 1.0f : 0.0f, 0.0f);
  const ImVec2 uv1(mirror ? 0.0f : 1.0f, 1.0f);
  dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(f.texture)), p0, p1, uv0,
               uv1);
}

void spinner(ImVec2 center, float radius, float thickness, double t) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float start = static_cast<float>(t * 5.0);
  const int segments = 24;
  dl->PathClear();
  for (int i = 0; i <= segments; ++i) {
    const float a = start + i * (4.5f / segments);
    dl->PathLineTo(ImVec2(center.x + std::cos(a) * radius, center.y + std::sin(a) * radius));
  }
  dl->PathStroke(ImGui::GetColorU32(accent), false, thickness);
}

}  // namespace

// [SECTION] frame -----------------------------------------------------------------------------

ui::ui(const std::vector<std::string>& initial_interests) {
  std::string text;
  for (const auto& s : initial_interests) text += (text.empty() ? "" : ", ") + s;
  std::snprintf(interests_, sizeof interests_, "%s", text.c_str());
}

std::vector<std::string> ui::interests() const { return split_interests(interests_); }

ui_output ui::draw(const ui_input& in) {
  ui_output out;
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
  ImGui::Begin("NovaTalk", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
  draw_top_bar(in);
  draw_banners(in);
  switch (in.session->current_screen()) {
    case session::screen::idle: draw_landing(in, out); break;
    case session::screen::acquiring_media: draw_acquiring(in, out); break;
    case session::screen::media_blocked: draw_blocked(in, out); break;
    default: draw_call(in, out); break;
  }
  ImGui::End();
  ImGui::PopStyleVar(2);
  return out;
}

void ui::draw_top_bar(const ui_input& in) {
  const auto& s = *in.session;
  ImGui::PushStyleColor(ImGuiCol_Text, accent);
  ImGui::TextUnformatted("NovaTalk");
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::TextDisabled("video chat with strangers");
  const std::string right = s.socket() == session::socket_state::open
                                ? online_text(s.online_count())
                                : std::string("offline");
  ImGui::SameLine(std::max(0.0f, ImGui::GetWindowWidth() - ImGui::CalcTextSize(right.c_str()).x -
                                     ImGui::GetStyle().WindowPadding.x));
  ImGui::TextUnformatted(right.c_str());
  ImGui::Separator();
}

void ui::draw_banners(const ui_input& in) {
  const auto& s = *in.session;
  const bool reconnecting = s.socket() == session::socket_state::reconnecting ||
                            (s.socket() == session::socket_state::connecting &&
                             s.reconnect_attempt() > 0);
  if (reconnecting) {
    char buf[128];
    const double wait = std::max<double>(0, (s.next_retry_at() - s.now()).count() / 1000.0);
    if (s.socket() == session::socket_state::reconnecting) {
      std::snprintf(buf, sizeof buf, "Reconnecting to server... (attempt %u, retry in %.0f s)",
                    s.reconnect_attempt() + 1, std::ceil(wait));
    } else {
      std::snprintf(buf, sizeof buf, "Reconnecting to server... (attempt %u)",
                    s.reconnect_attempt() + 1);
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.8f, 0.3f, 1.0f));
    centered_text(buf);
    ImGui::PopStyleColor();
  }
  if (s.partner_left_banner()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.55f, 0.45f, 1.0f));
    centered_text("Stranger has left");
    ImGui::PopStyleColor();
  }
}

// [SECTION] landing / permission / blocked ----------------------------------------------------

void ui::draw_landing(const ui_input& in, ui_output& out) {
  const float k = in.scale;
  const float column = std::min(420.0f * k, ImGui::GetContentRegionAvail().x);
  ImGui::Dummy(ImVec2(0, std::max(20.0f * k, ImGui::GetContentRegionAvail().y * 0.2f)));
  ImGui::SetWindowFontScale(2.0f);
  centered_text("NovaTalk");
  ImGui::SetWindowFontScale(1.0f);
  centered_text("Talk to a random stranger, face to face.", &muted_text);
  ImGui::Dummy(ImVec2(0, 16 * k));

  center_next(column);
  ImGui::BeginGroup();
  ImGui::TextUnformatted("Interests (optional, comma separated)");
  ImGui::SetNextItemWidth(column);
  ImGui::InputTextWithHint("##interests", "music, chess, travel", interests_, sizeof interests_);
  ImGui::Dummy(ImVec2(0, 8 * k));
  if (big_button("Start", column, k, &accent)) {
    out.events.push_back(session::ui_start{split_interests(interests_)});
  }
  ImGui::EndGroup();

  ImGui::Dummy(ImVec2(0, 12 * k));
  const auto& s = *in.session;
  if (s.socket() == session::socket_state::open) {
    centered_text(online_text(s.online_count()) + " now", &muted_text);
  } else {
    centered_text("Connecting to server...", &muted_text);
  }
  centered_text("Nothing is recorded or stored. Be kind; you can leave any time.", &muted_text);
  if (!s.last_error().empty()) centered_text(s.last_error(), &danger);
}

void ui::draw_acquiring(const ui_input& in, ui_output& out) {
  const float k = in.scale;
  ImGui::Dummy(ImVec2(0, ImGui::GetContentRegionAvail().y * 0.3f));
  centered_text("Allow camera and microphone access to start.");
  centered_text("Your browser is asking for permission.", &muted_text);
  ImGui::Dummy(ImVec2(0, 12 * k));
  center_next(160 * k);
  if (big_button("Cancel", 160 * k, k)) out.events.push_back(session::ui_stop{});
}

void ui::draw_blocked(const ui_input& in, ui_output& out) {
  const float k = in.scale;
  const auto& s = *in.session;
  ImGui::Dummy(ImVec2(0, ImGui::GetContentRegionAvail().y * 0.25f));
  centered_text("Camera or microphone not available.");
  std::string reason = s.media_error();
  if (reason == "NotAllowedError") reason = "Permission was denied.";
  if (reason == "NotFoundError") reason = "No camera or microphone was found.";
  if (reason == "NotSupportedError") reason = "This page needs https to use the camera.";
  centered_text(reason, &muted_text);
  ImGui::Dummy(ImVec2(0, 12 * k));
  const float w = 280 * k;
  center_next(w);
  ImGui::BeginGroup();
  if (big_button("Continue without video", w, k, &accent)) {
    out.events.push_back(session::ui_continue_without_media{});
  }
  if (big_button("Try again", w, k)) {
    out.events.push_back(session::ui_start{split_interests(interests_)});
  }
  if (big_button("Back", w, k)) out.events.push_back(session::ui_stop{});
  ImGui::EndGroup();
}

// [SECTION] call ------------------------------------------------------------------------------

void ui::draw_call(const ui_input& in, ui_output& out) {
  const float k = in.scale;
  const auto& s = *in.session;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float bar_h = 40 * k + style.WindowPadding.y + style.ItemSpacing.y * 2;
  const ImVec2 area_pos = ImGui::GetCursorScreenPos();
  ImVec2 area = ImGui::GetContentRegionAvail();
  area.y = std::max(0.0f, area.y - bar_h);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(area_pos, ImVec2(area_pos.x + area.x, area_pos.y + area.y),
                    IM_COL32(12, 14, 18, 255), 6 * k);

  // The stranger, large; or what we are waiting for.
  const bool in_call = s.current_screen() == session::screen::in_call;
  if (in_call && in.remote.ready) {
    draw_video(dl, in.remote, area_pos, area, false);
  } else {
    std::string line = "Looking for a stranger...";
    if (s.current_screen() == session::screen::connecting) line = "Stranger found. Connecting...";
    // Also what a stranger without a camera looks like: their sound still plays.
    if (in_call) line = "Connected. No video from the stranger (yet).";
    const ImVec2 c(area_pos.x + area.x * 0.5f, area_pos.y + area.y * 0.45f);
    if (!in_call) spinner(c, 18 * k, 4 * k, in.time_seconds);
    const ImVec2 ts = ImGui::CalcTextSize(line.c_str());
    dl->AddText(ImVec2(c.x - ts.x * 0.5f, c.y + 30 * k), IM_COL32(220, 224, 232, 255),
                line.c_str());
    if (s.current_screen() == session::screen::searching &&
        s.socket() == session::socket_state::open) {
      const std::string n = online_text(s.online_count());
      const ImVec2 ns = ImGui::CalcTextSize(n.c_str());
      dl->AddText(ImVec2(c.x - ns.x * 0.5f, c.y + 30 * k + ts.y * 1.5f),
                  IM_COL32(150, 156, 168, 255), n.c_str());
    }
  }
  if (!s.common_interests().empty()) {
    const std::string common = "You both like: " + join(s.common_interests());
    dl->AddText(ImVec2(area_pos.x + 10 * k, area_pos.y + 8 * k), IM_COL32(255, 255, 255, 230),
                common.c_str());
  }

  // Ourselves, small, in the bottom-right corner.
  if (in.local.ready && s.has_local_video()) {
    const float w = std::max(120 * k, area.x * 0.22f);
    const ImVec2 size(w, w * 0.75f);
    const ImVec2 pos(area_pos.x + area.x - size.x - 10 * k, area_pos.y + area.y - size.y - 10 * k);
    dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), IM_COL32(0, 0, 0, 255));
    if (s.camera_on()) {
      draw_video(dl, in.local, pos, size, true);
    } else {
      const char* off = "Camera off";
      const ImVec2 ts = ImGui::CalcTextSize(off);
      dl->AddText(ImVec2(pos.x + (size.x - ts.x) * 0.5f, pos.y + (size.y - ts.y) * 0.5f),
                  IM_COL32(200, 200, 200, 255), off);
    }
    dl->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), IM_COL32(255, 255, 255, 90));
  }
  ImGui::Dummy(area);

  // The control bar.
  const float bw = 130 * k;
  const bool can_skip = s.current_screen() != session::screen::searching;
  ImGui::BeginDisabled(!can_skip);
  if (big_button("Next", bw, k, &accent)) out.events.push_back(session::ui_next{});
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (big_button("Stop", bw, k, &danger)) out.events.push_back(session::ui_stop{});
  ImGui::SameLine();
  ImGui::BeginDisabled(!s.has_local_audio());
  if (big_button(s.mic_on() ? "Mute mic" : "Unmute mic", bw, k)) {
    out.events.push_back(session::ui_toggle_mic{});
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!s.has_local_video());
  if (big_button(s.camera_on() ? "Camera off" : "Camera on", bw, k)) {
    out.events.push_back(session::ui_toggle_camera{});
  }
  ImGui::EndDisabled();
  if (in.sound_blocked && in_call) {
    ImGui::SameLine();
    if (big_button("Enable sound", bw * 1.2f, k)) out.enable_sound = true;
  }
}

}  // namespace novatalk::client
