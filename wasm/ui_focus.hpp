// Keyboard-only use on Dear ImGui 1.86, whose Tab reaches only text fields and whose Enter does
// not press buttons: every control registers here in drawing order; Tab / Shift+Tab move the
// focus ring along them, Enter or Space presses the focused control or activates a text field.
#pragma once

#include <imgui.h>

#include "wasm/ui_host.hpp"

namespace novatalk::client::focus {

void begin_frame(const key_presses& keys, float scale);

// Call right after a focusable ImGui item. Returns true when the keyboard pressed it (a button).
bool item(bool text_field = false);

// The last press item() returned came from the keyboard (not a click or a tap).
bool last_press_by_keyboard();

// The last item has the keyboard focus ring (custom-drawn widgets draw it with draw_ring).
bool ring_on_last_item();
void draw_ring(ImDrawList* dl, ImVec2 min, ImVec2 max, float rounding);

// Starts editing the text field `id` from the next frame (ImGui's ActivateItem would press it
// like a button instead).
void activate_field(ImGuiID id);

// Puts the focus ring on the last item (e.g. the first control of a screen that just opened).
void focus_last_item();

// An Enter press for the text field being edited (it sends or adds); false when none is left.
bool take_enter_for_field();
// After the screen's controls: an Enter press nothing used, while no control shows the focus
// ring and no field is being edited, presses the screen's default button (the gate's accept,
// Start). Consumes it.
bool take_default_enter();

void end_frame();

}  // namespace novatalk::client::focus
