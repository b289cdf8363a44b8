// NovaTalk's look: colours, the type scale (one ImFont per role), sizes and the ImGui style at
// the device pixel ratio. Sizes here are CSS pixels; the UI multiplies them by the ratio.
#pragma once

#include <imgui.h>

#include "core/look/palette.hpp"

namespace novatalk::client::theme {

// --- Colours: the palette in use (core/look/palette; dark unless the page's theme/accent chose) --
void set_palette(const look::palette& p);  // before the first frame (then apply_style)
const look::palette& current();

inline ImVec4 rgb(int r, int g, int b, float a = 1.0f) {
  return ImVec4(r / 255.0f, g / 255.0f, b / 255.0f, a);
}
inline ImVec4 vec(look::rgb c, float a = 1.0f) { return rgb(c.r, c.g, c.b, a); }
inline ImVec4 background() { return vec(current().background); }
inline ImVec4 background_top() { return vec(current().background_top); }  // the landing's glow
inline ImVec4 surface() { return vec(current().surface); }                // cards, the chat panel
inline ImVec4 surface_raised() { return vec(current().surface_raised); }  // fields, secondary
inline ImVec4 surface_hover() { return vec(current().surface_hover); }
inline ImVec4 border() { return vec(current().border); }
inline ImVec4 video_well() { return vec(current().video_well); }  // behind the videos
inline ImVec4 on_video() { return vec(current().on_video); }      // text over a video well
inline ImVec4 on_video_muted() { return vec(current().on_video_muted); }
inline ImVec4 text() { return vec(current().text); }
inline ImVec4 text_muted() { return vec(current().text_muted); }
inline ImVec4 brand() { return vec(current().brand); }  // primary buttons, chips
inline ImVec4 brand_hover() { return vec(current().brand_hover); }
inline ImVec4 brand_active() { return vec(current().brand_active); }
inline ImVec4 on_brand() { return vec(current().on_brand); }      // labels on primary buttons
inline ImVec4 brand_text() { return vec(current().brand_text); }  // links, spinner, "You"
inline ImVec4 stranger_text() { return vec(current().stranger_text); }
inline ImVec4 spark() { return vec(current().spark); }  // the star of the logo
inline ImVec4 icon() { return vec(current().icon); }    // icons on secondary round buttons
inline ImVec4 good() { return vec(current().good); }
inline ImVec4 weak() { return vec(current().weak); }
inline ImVec4 bad() { return vec(current().bad); }
inline ImVec4 danger() { return vec(current().danger); }
inline ImVec4 danger_hover() { return vec(current().danger_hover); }
inline ImVec4 on_danger() { return vec(current().on_danger); }
inline ImVec4 bubble_me() { return vec(current().bubble_me); }
inline ImVec4 on_bubble_me() { return vec(current().on_bubble_me); }
inline ImVec4 bubble_stranger() { return vec(current().bubble_stranger); }
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
