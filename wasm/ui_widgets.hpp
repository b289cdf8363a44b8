// NovaTalk's controls on top of ImGui: pill buttons, icon buttons, chips, badges, a segmented
// toggle, links, the holes videos show through. All take sizes in canvas pixels (callers multiply
// CSS px by the device pixel ratio) and draw text unformatted (never as a printf format).
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

#include "wasm/ui_theme.hpp"

namespace novatalk::client {

namespace widgets {

enum class button_kind { primary, secondary, danger, ghost };

// A rounded button drawn by us; keyboard focusable (ui_focus). Size in canvas pixels.
bool button(const char* id_and_label, ImVec2 size, button_kind kind,
            theme::font_role role = theme::font_role::strong);

enum class icon { mic, mic_off, camera, camera_off, flag, send, close, gear };
// A round icon button; `alert` paints it red (a muted mic, a camera that is off).
bool icon_button(const char* id, icon i, float diameter, bool alert, const char* tooltip);
void draw_icon(ImDrawList* dl, icon i, ImVec2 center, float size, ImU32 col);

// An interest chip with an x; returns true when the x was pressed.
bool chip(const std::string& text, int index, float scale);
float chip_width(const std::string& text, float scale);

// A small rounded label on top of video, e.g. the quality badge. Returns its size.
ImVec2 badge_size(const std::string& text, float scale, bool dot);
void badge(ImDrawList* dl, ImVec2 pos, const std::string& text, ImU32 bg, ImU32 fg, float scale,
           const ImVec4* dot = nullptr);

// Two or more options side by side; returns true when the selection changed.
bool segmented(const char* id, const char* const* labels, int count, int& selected, float width,
               float height);

// Text that is a link (underlined when hovered or focused); returns true when activated.
bool link(const char* id_and_label);

// Untrusted or long text, wrapped at `width` from the cursor (TextUnformatted, never a format).
void wrapped(const std::string& text, float width);
void centered(const std::string& text, const ImVec4& col);  // on the current line

// A spinner is an element over the canvas that the browser's compositor turns (wasm/
// spinner_view): waiting costs no frames. spinner() asks for one this frame (canvas px);
// take_spinners() once per drawn frame reads and clears the frame's list.
struct spinner_place {
  ImVec2 center;
  float radius = 0;
  float thickness = 0;
};
void spinner(ImVec2 center, float radius, float thickness);
std::vector<spinner_place> take_spinners();
// Something in the canvas moves by itself (the typing dots): the main loop keeps drawing.
// note_animation() while drawing; take_animation() once per frame reads and clears it.
void note_animation();
bool take_animation();

// Where a <video> beneath the canvas shows: [min, max] with rounded corners becomes transparent
// (anti-aliased edges); what is drawn after it stays on top. The page's compositor crops the
// video to fill it (CSS object-fit: cover) and mirrors the self view (wasm/video_view).
void video_hole(ImDrawList* dl, ImVec2 min, ImVec2 max, float rounding);

// The NovaTalk logo: a star in a gradient dot and the word mark; returns its width.
float logo(ImDrawList* dl, ImVec2 pos, float height, float scale);

}  // namespace widgets
}  // namespace novatalk::client
