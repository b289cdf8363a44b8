// The focus ring over ImGui's navigation id (g.NavId): ImGui keeps drawing and scrolling to it;
// we only choose where it goes on Tab and press what it is on when Enter or Space comes.
#include "wasm/ui_focus.hpp"

#include <imgui_internal.h>

#include <vector>

namespace novatalk::client::focus {
namespace {

struct entry {
  ImGuiID id = 0;
  ImGuiWindow* window = nullptr;
  ImRect rect;
  bool text_field = false;
};

struct frame_state {
  std::vector<entry> items;
  int tab = 0;    // Tabs minus Shift+Tabs: move the ring once the frame's items are known
  int enter = 0;  // Enter presses not used yet
  int space = 0;  // Space presses not used yet
  float scale = 1;
  bool keyboard_press = false;  // the last press item() reported
};
frame_state f;

bool has_ring(ImGuiID id) {
  const ImGuiContext& g = *GImGui;
  return id != 0 && g.NavId == id && !g.NavDisableHighlight;
}

void move_ring(const entry& e) {
  ImGuiContext& g = *GImGui;
  ImGui::ClearActiveID();
  ImGui::FocusWindow(e.window);
  // A window that just appeared asked ImGui to focus its first item: our choice wins.
  g.NavInitRequest = false;
  g.NavInitResultId = 0;
  ImGui::SetFocusID(e.id, e.window);
  g.NavDisableHighlight = false;
  g.NavDisableMouseHover = true;
  ImGui::ScrollToBringRectIntoView(e.window, e.rect);
  if (e.text_field) activate_field(e.id);
}

}  // namespace

void activate_field(ImGuiID id) {
  ImGuiContext& g = *GImGui;
  g.NavNextActivateId = id;
  g.NavNextActivateFlags = ImGuiActivateFlags_PreferInput | ImGuiActivateFlags_TryToPreserveState;
}

void begin_frame(const key_presses& keys, float scale) {
  f.items.clear();
  f.tab = keys.tab - keys.shift_tab;
  f.enter = keys.enter;
  f.space = keys.space;
  f.scale = scale;
}

bool item(bool text_field) {
  ImGuiContext& g = *GImGui;
  f.keyboard_press = false;
  const ImGuiID id = g.LastItemData.ID;
  if (id == 0 || (g.LastItemData.InFlags & ImGuiItemFlags_Disabled)) return false;
  f.items.push_back({id, g.CurrentWindow, g.LastItemData.Rect, text_field});
  if (f.enter + f.space == 0 || !has_ring(id) || g.ActiveId != 0) return false;
  if (f.enter > 0) {
    --f.enter;
  } else {
    --f.space;
  }
  if (text_field) {
    activate_field(id);
    return false;
  }
  f.keyboard_press = true;
  return true;
}

bool last_press_by_keyboard() { return f.keyboard_press; }

bool ring_on_last_item() { return has_ring(GImGui->LastItemData.ID); }

void draw_ring(ImDrawList* dl, ImVec2 min, ImVec2 max, float rounding) {
  const float pad = 3.0f * f.scale;
  dl->AddRect(ImVec2(min.x - pad, min.y - pad), ImVec2(max.x + pad, max.y + pad),
              ImGui::GetColorU32(ImGuiCol_NavHighlight), rounding + pad, 0, 3.0f * f.scale);
}

void focus_last_item() {
  ImGuiContext& g = *GImGui;
  if (g.LastItemData.ID == 0) return;
  move_ring({g.LastItemData.ID, g.CurrentWindow, g.LastItemData.Rect, false});
}

bool take_enter_for_field() {
  if (f.enter == 0) return false;
  --f.enter;
  return true;
}

bool take_default_enter() {
  const ImGuiContext& g = *GImGui;
  if (f.enter == 0 || g.ActiveId != 0 || (g.NavId != 0 && !g.NavDisableHighlight)) return false;
  --f.enter;
  return true;
}

void end_frame() {
  if (f.tab == 0 || f.items.empty()) return;
  // A popup (the report menu) keeps the ring inside it.
  std::vector<entry> ring;
  ImGuiWindow* top = nullptr;
  for (const auto& e : f.items) {
    if (e.window->Flags & ImGuiWindowFlags_Popup) top = e.window;
  }
  for (const auto& e : f.items) {
    if (!top || e.window == top) ring.push_back(e);
  }
  if (ring.empty()) return;
  const ImGuiID current = GImGui->NavDisableHighlight && GImGui->ActiveId == 0 ? 0 : GImGui->NavId;
  int at = -1;
  for (int i = 0; i < static_cast<int>(ring.size()); ++i) {
    if (ring[i].id == current) at = i;
  }
  const int n = static_cast<int>(ring.size());
  // Several Tabs can arrive within one frame (the loop sleeps until input wakes it): each
  // counts, also from nowhere (the first Tab lands on the first item, the first Shift+Tab on
  // the last).
  if (at < 0) at = f.tab > 0 ? -1 : n;
  const int next = ((at + f.tab) % n + n) % n;
  move_ring(ring[next]);
}

}  // namespace novatalk::client::focus
