// NovaTalk's look: colours, the type scale (one ImFont per role), sizes and the ImGui style at
// the device pixel ratio. Sizes here are CSS pixels; the UI multiplies them by the ratio.
#pragma once

#include <imgui.h>

namespace novatalk::client::theme {

// --- Colours (dark, with a violet brand colour) -------------------------------------------------
inline ImVec4 rgb(int r, int g, int b, float a = 1.0f) {
  return ImVec4(r / 255.0f, g / 255.0f, b / 255.0f, a);
}
inline ImVec4 background() { return rgb(11, 13, 20); }
inline ImVec4 background_top() { return rgb(24, 20, 46); }  // top of the landing's gradient
inline ImVec4 surface() { return rgb(22, 26, 38); }         // cards, the chat panel
inline ImVec4 surface_raised() { return rgb(32, 37, 53); }  // fields, secondary buttons
inline ImVec4 surface_hover() { return rgb(44, 50, 70); }
inline ImVec4 border() { return rgb(52, 58, 80); }
inline ImVec4 video_well() { return rgb(6, 7, 11); }  // behind the videos
inline ImVec4 text() { return rgb(242, 244, 250); }
inline ImVec4 text_muted() { return rgb(160, 168, 190); }
inline ImVec4 brand() { return rgb(124, 92, 255); }  // primary buttons, "You"
inline ImVec4 brand_hover() { return rgb(142, 115, 255); }
inline ImVec4 brand_active() { return rgb(105, 74, 232); }
inline ImVec4 accent() { return rgb(255, 92, 138); }  // the star of the logo
inline ImVec4 good() { return rgb(61, 214, 140); }
inline ImVec4 weak() { return rgb(245, 185, 66); }
inline ImVec4 bad() { return rgb(242, 85, 90); }
inline ImVec4 danger() { return rgb(229, 72, 77); }
inline ImVec4 danger_hover() { return rgb(240, 92, 96); }
inline ImVec4 bubble_me() { return rgb(94, 68, 220); }
inline ImVec4 bubble_stranger() { return rgb(38, 44, 62); }
inline ImU32 u32(const ImVec4& c) { return ImGui::ColorConvertFloat4ToU32(c); }
inline ImU32 u32(const ImVec4& c, float alpha) {
  return ImGui::ColorConvertFloat4ToU32(ImVec4(c.x, c.y, c.z, alpha));
}

// --- Type scale (CSS pixels). Body text is at least 16 px, as the issue asks. -----------------
enum class font_role { small, body, strong, heading, display, count };
constexpr float small_px = 16.0f;    // hints, captions, footer links
constexpr float body_px = 17.0f;     // chat, fields, body copy
constexpr float strong_px = 18.0f;   // buttons, names in the transcript (bold)
constexpr float heading_px = 26.0f;  // screen headings (bold)
constexpr float display_px = 46.0f;  // the NovaTalk title on the landing (bold)
constexpr float size_px(font_role r) {
  switch (r) {
    case font_role::small:
      return small_px;
    case font_role::body:
      return body_px;
    case font_role::strong:
      return strong_px;
    case font_role::heading:
      return heading_px;
    case font_role::display:
      return display_px;
    default:
      return body_px;
  }
}
constexpr bool is_bold(font_role r) {
  return r == font_role::strong || r == font_role::heading || r == font_role::display;
}

// The fonts of the current atlas (wasm/fonts.cpp registers them after each rebuild).
void set_font(font_role r, ImFont* f);
ImFont* font(font_role r);

// RAII: ImGui::PushFont / PopFont for a role.
class font_scope {
 public:
  explicit font_scope(font_role r) { ImGui::PushFont(font(r)); }
  ~font_scope() { ImGui::PopFont(); }
  font_scope(const font_scope&) = delete;
  font_scope& operator=(const font_scope&) = delete;
};

// --- Sizes (CSS pixels) --------------------------------------------------------------------------
constexpr float radius_card = 18.0f;     // cards, video wells
constexpr float radius_field = 12.0f;    // text fields, combos
constexpr float button_height = 48.0f;   // every button people press in a call
constexpr float primary_height = 56.0f;  // Start, Next
constexpr float gap = 12.0f;             // between neighbouring controls
constexpr float margin = 20.0f;          // around the screen on a desktop
constexpr float margin_phone = 12.0f;    // around the screen on a phone

// ImGui::GetStyle() built from scratch for this device pixel ratio (fonts are sized separately).
void apply_style(float scale);

}  // namespace novatalk::client::theme
