// The ImGui style of NovaTalk and the registry of the fonts by role.
#include "wasm/ui_theme.hpp"

#include <array>

namespace novatalk::client::theme {
namespace {

std::array<ImFont*, static_cast<int>(font_role::count)> fonts{};
look::palette palette = look::dark_palette();

}  // namespace

void set_palette(const look::palette& p) { palette = p; }
const look::palette& current() { return palette; }

void set_font(font_role r, ImFont* f) { fonts[static_cast<int>(r)] = f; }

ImFont* font(font_role r) {
  ImFont* f = fonts[static_cast<int>(r)];
  return f ? f : ImGui::GetFont();  // before the first atlas: whatever ImGui has
}

void apply_style(float scale) {
  ImGuiStyle s;
  if (look::relative_luminance(palette.background) > 0.5) {  // a light scheme
    ImGui::StyleColorsLight(&s);
  } else {
    ImGui::StyleColorsDark(&s);
  }
  s.WindowPadding = ImVec2(0, 0);  // screens lay themselves out from the window's corner
  s.WindowRounding = 0;
  s.WindowBorderSize = 0;
  s.ChildRounding = radius_card;
  s.ChildBorderSize = 0;
  s.PopupRounding = radius_field;
  s.PopupBorderSize = 1;
  s.FramePadding = ImVec2(14, 11);
  s.FrameRounding = radius_field;
  s.FrameBorderSize = 0;
  s.ItemSpacing = ImVec2(gap, 10);
  s.ItemInnerSpacing = ImVec2(8, 6);
  s.ScrollbarSize = 10;
  s.ScrollbarRounding = 6;
  s.GrabRounding = 6;
  s.TabRounding = radius_field;
  s.SelectableTextAlign = ImVec2(0.0f, 0.5f);
  s.ButtonTextAlign = ImVec2(0.5f, 0.5f);
  s.DisplaySafeAreaPadding = ImVec2(0, 0);

  ImVec4* c = s.Colors;
  c[ImGuiCol_Text] = text();
  c[ImGuiCol_TextDisabled] = text_muted();
  c[ImGuiCol_WindowBg] = background();
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = surface_raised();
  c[ImGuiCol_Border] = border();
  c[ImGuiCol_FrameBg] = surface_raised();
  c[ImGuiCol_FrameBgHovered] = surface_hover();
  c[ImGuiCol_FrameBgActive] = surface_hover();
  c[ImGuiCol_Button] = surface_raised();
  c[ImGuiCol_ButtonHovered] = surface_hover();
  c[ImGuiCol_ButtonActive] = border();
  c[ImGuiCol_Header] = surface_hover();
  c[ImGuiCol_HeaderHovered] = surface_hover();
  c[ImGuiCol_HeaderActive] = border();
  c[ImGuiCol_CheckMark] = brand_text();
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = border();
  c[ImGuiCol_ScrollbarGrabHovered] = surface_hover();
  c[ImGuiCol_ScrollbarGrabActive] = text_muted();
  c[ImGuiCol_Separator] = border();
  c[ImGuiCol_TextSelectedBg] = vec(palette.brand, 0.45f);
  c[ImGuiCol_NavHighlight] = vec(palette.focus_ring, 0.9f);  // the keyboard focus ring
  c[ImGuiCol_ModalWindowDimBg] = rgb(0, 0, 0, 0.6f);

  s.ScaleAllSizes(scale);
  ImGui::GetStyle() = s;
}

}  // namespace novatalk::client::theme
