// [SECTION] buttons  [SECTION] icons  [SECTION] chips and badges  [SECTION] text  [SECTION] video
// Colours go through ImGui::GetColorU32 so a disabled control (BeginDisabled) fades like ImGui's.
#include "wasm/ui_widgets.hpp"

#include <GLES3/gl3.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "wasm/ui_focus.hpp"

namespace novatalk::client::widgets {
namespace {

ImU32 col(const ImVec4& c, float alpha = 1.0f) {
  return ImGui::GetColorU32(ImVec4(c.x, c.y, c.z, c.w * alpha));
}

struct kind_colours {
  ImVec4 bg, hover, active, fg;
};
kind_colours colours(button_kind k) {
  switch (k) {
    case button_kind::primary:
      return {theme::brand(), theme::brand_hover(), theme::brand_active(), theme::on_brand()};
    case button_kind::danger:
      return {theme::danger(), theme::danger_hover(), theme::danger(), theme::on_danger()};
    case button_kind::ghost:
      return {theme::rgb(0, 0, 0, 0), theme::surface_hover(), theme::border(), theme::text()};
    case button_kind::secondary:
    default:
      return {theme::surface_raised(), theme::surface_hover(), theme::border(), theme::text()};
  }
}

}  // namespace

// [SECTION] buttons ---------------------------------------------------------------------------

bool button(const char* id_and_label, ImVec2 size, button_kind kind, theme::font_role role) {
  bool pressed = ImGui::InvisibleButton(id_and_label, size);
  pressed |= focus::item();
  const ImVec2 a = ImGui::GetItemRectMin();
  const ImVec2 b = ImGui::GetItemRectMax();
  const kind_colours c = colours(kind);
  const ImVec4& bg = ImGui::IsItemActive() ? c.active : ImGui::IsItemHovered() ? c.hover : c.bg;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float rounding = size.y * 0.5f;
  dl->AddRectFilled(a, b, col(bg), rounding);
  if (kind == button_kind::primary) {
    // A soft highlight on the upper half: the primary action looks pressable.
    dl->AddRectFilled(a, ImVec2(b.x, a.y + size.y * 0.5f), col(theme::rgb(255, 255, 255), 0.06f),
                      rounding, ImDrawFlags_RoundCornersTop);
  }
  if (kind == button_kind::secondary || kind == button_kind::ghost) {
    dl->AddRect(a, b, col(theme::border()), rounding);
  }
  if (focus::ring_on_last_item()) focus::draw_ring(dl, a, b, rounding);
  theme::font_scope fs(role);
  const char* end = ImGui::FindRenderedTextEnd(id_and_label);
  const ImVec2 ts = ImGui::CalcTextSize(id_and_label, end);
  if (ts.x <= size.x - size.y * 0.5f) {
    dl->AddText(ImVec2(a.x + (size.x - ts.x) * 0.5f, a.y + (size.y - ts.y) * 0.5f), col(c.fg),
                id_and_label, end);
    return pressed;
  }
  // Too wide for one line: two centred lines, cut at the space nearest the middle.
  const std::string label(id_and_label, end);
  std::size_t cut = std::string::npos;
  for (std::size_t i = label.find(' '); i != std::string::npos; i = label.find(' ', i + 1)) {
    if (cut == std::string::npos ||
        std::abs(static_cast<long>(i) - static_cast<long>(label.size() / 2)) <
            std::abs(static_cast<long>(cut) - static_cast<long>(label.size() / 2))) {
      cut = i;
    }
  }
  if (cut == std::string::npos) {
    // One long word ("Siguiente" on a narrow Next): the same line, in a smaller size that fits.
    ImFont* font = ImGui::GetFont();
    const float fit = ImGui::GetFontSize() * (size.x - size.y * 0.5f) / ts.x;
    const ImVec2 fs = font->CalcTextSizeA(fit, FLT_MAX, 0.0f, label.c_str());
    dl->AddText(font, fit, ImVec2(a.x + (size.x - fs.x) * 0.5f, a.y + (size.y - fs.y) * 0.5f),
                col(c.fg), label.c_str());
    return pressed;
  }
  const std::string lines[2] = {label.substr(0, cut),
                                cut == std::string::npos ? "" : label.substr(cut + 1)};
  const float lh = ImGui::GetTextLineHeight();
  for (int i = 0; i < 2; ++i) {
    const float w = ImGui::CalcTextSize(lines[i].c_str()).x;
    dl->AddText(ImVec2(a.x + (size.x - w) * 0.5f, a.y + size.y * 0.5f - lh + lh * i), col(c.fg),
                lines[i].c_str());
  }
  return pressed;
}

bool icon_button(const char* id, icon i, float diameter, bool alert, const char* tooltip) {
  bool pressed = ImGui::InvisibleButton(id, ImVec2(diameter, diameter));
  pressed |= focus::item();
  const ImVec2 a = ImGui::GetItemRectMin();
  const ImVec2 b = ImGui::GetItemRectMax();
  const ImVec2 c((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
  const bool hovered = ImGui::IsItemHovered();
  ImVec4 bg = alert ? theme::danger() : theme::surface_raised();
  if (hovered) bg = alert ? theme::danger_hover() : theme::surface_hover();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddCircleFilled(c, diameter * 0.5f, col(bg), 40);
  if (!alert) dl->AddCircle(c, diameter * 0.5f, col(theme::border()), 40);
  if (focus::ring_on_last_item()) focus::draw_ring(dl, a, b, diameter * 0.5f);
  draw_icon(dl, i, c, diameter * 0.46f, col(alert ? theme::on_danger() : theme::icon()));
  if (tooltip && hovered && !ImGui::IsItemActive()) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(diameter * 0.2f, diameter * 0.12f));
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(tooltip);
    ImGui::EndTooltip();
    ImGui::PopStyleVar();
  }
  return pressed;
}

// [SECTION] icons (drawn, so no icon font is needed) ----------------------------------------------

void draw_icon(ImDrawList* dl, icon i, ImVec2 c, float s, ImU32 fg) {
  const float t = std::max(1.5f, s * 0.11f);  // stroke
  auto slash = [&] {
    dl->AddLine(ImVec2(c.x - s * 0.5f, c.y - s * 0.5f), ImVec2(c.x + s * 0.5f, c.y + s * 0.5f), fg,
                t);
  };
  switch (i) {
    case icon::mic:
    case icon::mic_off: {
      const float w = s * 0.36f, h = s * 0.58f;
      dl->AddRectFilled(ImVec2(c.x - w * 0.5f, c.y - s * 0.5f),
                        ImVec2(c.x + w * 0.5f, c.y - s * 0.5f + h), fg, w * 0.5f);
      dl->PathArcTo(ImVec2(c.x, c.y - s * 0.5f + h * 0.55f), s * 0.34f, 0.0f, 3.14159f, 16);
      dl->PathStroke(fg, 0, t);
      dl->AddLine(ImVec2(c.x, c.y + s * 0.2f), ImVec2(c.x, c.y + s * 0.45f), fg, t);
      dl->AddLine(ImVec2(c.x - s * 0.2f, c.y + s * 0.45f), ImVec2(c.x + s * 0.2f, c.y + s * 0.45f),
                  fg, t);
      if (i == icon::mic_off) slash();
      break;
    }
    case icon::camera:
    case icon::camera_off: {
      const ImVec2 a(c.x - s * 0.5f, c.y - s * 0.3f), b(c.x + s * 0.18f, c.y + s * 0.3f);
      dl->AddRectFilled(a, b, fg, s * 0.1f);
      dl->AddTriangleFilled(ImVec2(c.x + s * 0.2f, c.y), ImVec2(c.x + s * 0.5f, c.y - s * 0.26f),
                            ImVec2(c.x + s * 0.5f, c.y + s * 0.26f), fg);
      if (i == icon::camera_off) slash();
      break;
    }
    case icon::flag: {
      dl->AddLine(ImVec2(c.x - s * 0.35f, c.y - s * 0.5f), ImVec2(c.x - s * 0.35f, c.y + s * 0.5f),
                  fg, t);
      const ImVec2 pts[] = {
          ImVec2(c.x - s * 0.35f, c.y - s * 0.45f), ImVec2(c.x + s * 0.45f, c.y - s * 0.45f),
          ImVec2(c.x + s * 0.2f, c.y - s * 0.2f), ImVec2(c.x + s * 0.45f, c.y + s * 0.05f),
          ImVec2(c.x - s * 0.35f, c.y + s * 0.05f)};
      dl->AddConvexPolyFilled(pts, 3, fg);
      const ImVec2 lower[] = {pts[0], pts[2], pts[3], pts[4]};
      dl->AddConvexPolyFilled(lower, 4, fg);
      break;
    }
    case icon::send: {
      const ImVec2 pts[] = {ImVec2(c.x - s * 0.45f, c.y - s * 0.42f), ImVec2(c.x + s * 0.5f, c.y),
                            ImVec2(c.x - s * 0.45f, c.y + s * 0.42f), ImVec2(c.x - s * 0.25f, c.y)};
      dl->AddConvexPolyFilled(pts, 4, fg);
      break;
    }
    case icon::close:
      dl->AddLine(ImVec2(c.x - s * 0.35f, c.y - s * 0.35f),
                  ImVec2(c.x + s * 0.35f, c.y + s * 0.35f), fg, t);
      dl->AddLine(ImVec2(c.x + s * 0.35f, c.y - s * 0.35f),
                  ImVec2(c.x - s * 0.35f, c.y + s * 0.35f), fg, t);
      break;
    case icon::gear: {
      for (int k = 0; k < 8; ++k) {
        const float a = k * 0.785398f;
        dl->AddLine(ImVec2(c.x + std::cos(a) * s * 0.28f, c.y + std::sin(a) * s * 0.28f),
                    ImVec2(c.x + std::cos(a) * s * 0.48f, c.y + std::sin(a) * s * 0.48f), fg,
                    t * 1.6f);
      }
      dl->AddCircle(c, s * 0.3f, fg, 16, t * 1.4f);
      break;
    }
  }
}

// [SECTION] chips and badges ------------------------------------------------------------------

float chip_width(const std::string& text, float scale) {
  theme::font_scope fs(theme::font_role::body);
  return ImGui::CalcTextSize(text.c_str()).x + 14 * scale + 34 * scale;
}

bool chip(const std::string& text, int index, float scale) {
  theme::font_scope fs(theme::font_role::body);
  const float h = 38 * scale;
  const float w = chip_width(text, scale);
  const ImVec2 a = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, ImVec2(a.x + w, a.y + h), col(theme::brand(), 0.22f), h * 0.5f);
  dl->AddRect(a, ImVec2(a.x + w, a.y + h), col(theme::brand(), 0.7f), h * 0.5f);
  const ImVec2 ts = ImGui::CalcTextSize(text.c_str());
  dl->AddText(ImVec2(a.x + 14 * scale, a.y + (h - ts.y) * 0.5f), col(theme::text()), text.c_str());
  // The x: its own button, so it can be tapped and reached with Tab.
  ImGui::SetCursorScreenPos(ImVec2(a.x + w - 34 * scale, a.y));
  ImGui::PushID(index);
  bool pressed = ImGui::InvisibleButton("remove", ImVec2(34 * scale, h));
  pressed |= focus::item();
  const bool hovered = ImGui::IsItemHovered();
  const ImVec2 xc(a.x + w - 18 * scale, a.y + h * 0.5f);
  if (hovered) dl->AddCircleFilled(xc, 11 * scale, col(theme::rgb(255, 255, 255), 0.15f));
  draw_icon(dl, icon::close, xc, 12 * scale, col(theme::text()));
  if (focus::ring_on_last_item()) {
    focus::draw_ring(dl, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), h * 0.5f);
  }
  ImGui::PopID();
  ImGui::SetCursorScreenPos(a);
  ImGui::Dummy(ImVec2(w, h));
  return pressed;
}

ImVec2 badge_size(const std::string& text, float scale, bool dot) {
  theme::font_scope fs(theme::font_role::small);
  const ImVec2 ts = ImGui::CalcTextSize(text.c_str());
  return ImVec2(ts.x + 24 * scale + (dot ? 16 * scale : 0), ts.y + 12 * scale);
}

void badge(ImDrawList* dl, ImVec2 pos, const std::string& text, ImU32 bg, ImU32 fg, float scale,
           const ImVec4* dot) {
  theme::font_scope fs(theme::font_role::small);
  const ImVec2 size = badge_size(text, scale, dot != nullptr);
  dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), bg, size.y * 0.5f);
  float x = pos.x + 12 * scale;
  if (dot) {
    dl->AddCircleFilled(ImVec2(x + 5 * scale, pos.y + size.y * 0.5f), 5 * scale, col(*dot), 16);
    x += 16 * scale;
  }
  dl->AddText(ImVec2(x, pos.y + 6 * scale), fg, text.c_str());
}

bool segmented(const char* id, const char* const* labels, int count, int& selected, float width,
               float height) {
  ImGui::PushID(id);
  const ImVec2 a = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, ImVec2(a.x + width, a.y + height), col(theme::surface_raised()),
                    height * 0.5f);
  const float pad = height * 0.08f;
  const float seg = (width - 2 * pad) / count;
  bool changed = false;
  for (int i = 0; i < count; ++i) {
    const ImVec2 p(a.x + pad + seg * i, a.y + pad);
    ImGui::SetCursorScreenPos(p);
    ImGui::PushID(i);
    bool pressed = ImGui::InvisibleButton("seg", ImVec2(seg, height - 2 * pad));
    pressed |= focus::item();
    const bool on = i == selected;
    const ImVec2 q(p.x + seg, p.y + height - 2 * pad);
    if (on) {
      dl->AddRectFilled(p, q, col(theme::brand()), (height - 2 * pad) * 0.5f);
    } else if (ImGui::IsItemHovered()) {
      dl->AddRectFilled(p, q, col(theme::surface_hover()), (height - 2 * pad) * 0.5f);
    }
    if (focus::ring_on_last_item()) focus::draw_ring(dl, p, q, (height - 2 * pad) * 0.5f);
    {
      theme::font_scope fs(theme::font_role::strong);
      const ImVec2 ts = ImGui::CalcTextSize(labels[i]);
      dl->AddText(ImVec2(p.x + (seg - ts.x) * 0.5f, p.y + (height - 2 * pad - ts.y) * 0.5f),
                  col(on ? theme::on_brand() : theme::text_muted()), labels[i]);
    }
    ImGui::PopID();
    if (pressed && !on) {
      selected = i;
      changed = true;
    }
  }
  ImGui::SetCursorScreenPos(a);
  ImGui::Dummy(ImVec2(width, height));
  ImGui::PopID();
  return changed;
}

// [SECTION] text ------------------------------------------------------------------------------

bool link(const char* id_and_label) {
  const char* end = ImGui::FindRenderedTextEnd(id_and_label);
  const ImVec2 ts = ImGui::CalcTextSize(id_and_label, end);
  const ImVec2 a = ImGui::GetCursorScreenPos();
  bool pressed = ImGui::InvisibleButton(id_and_label, ts);
  pressed |= focus::item();
  const bool hot = ImGui::IsItemHovered() || focus::ring_on_last_item();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 c = col(hot ? theme::text() : theme::brand_text());
  dl->AddText(a, c, id_and_label, end);
  if (hot) dl->AddLine(ImVec2(a.x, a.y + ts.y), ImVec2(a.x + ts.x, a.y + ts.y), c, 1.0f);
  if (focus::ring_on_last_item()) {
    focus::draw_ring(dl, a, ImVec2(a.x + ts.x, a.y + ts.y), 4.0f);
  }
  if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  return pressed;
}

void wrapped(const std::string& text, float width) {
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
  ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
  ImGui::PopTextWrapPos();
}

void centered(const std::string& text, const ImVec4& c) {
  const float w = ImGui::CalcTextSize(text.c_str()).x;
  const float avail = ImGui::GetContentRegionAvail().x;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (avail - w) * 0.5f));
  ImGui::PushStyleColor(ImGuiCol_Text, c);
  ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
  ImGui::PopStyleColor();
}

namespace {
bool animated = false;
}  // namespace

void note_animation() { animated = true; }
bool take_animation() {
  const bool was = animated;
  animated = false;
  return was;
}

namespace {
std::vector<spinner_place> spinners;
}  // namespace

void spinner(ImVec2 center, float radius, float thickness) {
  spinners.push_back({center, radius, thickness});
}
std::vector<spinner_place> take_spinners() {
  std::vector<spinner_place> out;
  out.swap(spinners);
  return out;
}

// [SECTION] video -----------------------------------------------------------------------------

namespace {
// Destination-out: each pixel keeps (1 - the shape's alpha) of what is there, colour and alpha
// alike, so the canvas (premultiplied alpha, WebGL's default) turns transparent inside the shape
// and partly so on its anti-aliased edge. ImGui's own blending is restored right after it.
void erase_blending(const ImDrawList*, const ImDrawCmd*) {
  glBlendFuncSeparate(GL_ZERO, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE_MINUS_SRC_ALPHA);
}
}  // namespace

void video_hole(ImDrawList* dl, ImVec2 a, ImVec2 b, float rounding) {
  if (b.x <= a.x || b.y <= a.y) return;
  dl->AddCallback(erase_blending, nullptr);
  dl->AddRectFilled(a, b, IM_COL32_WHITE, rounding);
  dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

float logo(ImDrawList* dl, ImVec2 pos, float height, float scale) {
  const float r = height * 0.5f;
  const ImVec2 c(pos.x + r, pos.y + r);
  // A four-pointed star on a violet dot, with a pink spark.
  dl->AddCircleFilled(c, r, col(theme::brand()), 32);
  const float s = r * 0.62f, k = r * 0.16f;
  const ImVec2 star[] = {ImVec2(c.x, c.y - s), ImVec2(c.x + k, c.y - k),
                         ImVec2(c.x + s, c.y), ImVec2(c.x + k, c.y + k),
                         ImVec2(c.x, c.y + s), ImVec2(c.x - k, c.y + k),
                         ImVec2(c.x - s, c.y), ImVec2(c.x - k, c.y - k)};
  for (int i = 0; i < 8; i += 2) {
    dl->AddTriangleFilled(star[i], star[(i + 1) % 8], c, col(theme::on_brand()));
    dl->AddTriangleFilled(star[(i + 7) % 8], star[i], c, col(theme::on_brand()));
  }
  dl->AddCircleFilled(ImVec2(c.x + r * 0.72f, c.y - r * 0.72f), r * 0.24f, col(theme::spark()),
                      16);
  theme::font_scope fs(theme::font_role::heading);
  ImFont* f = ImGui::GetFont();
  const float size = std::min(f->FontSize, height * 0.95f);
  const float x = pos.x + height + 10 * scale;
  const ImVec2 ts = f->CalcTextSizeA(size, FLT_MAX, -1.0f, "NovaTalk");
  dl->AddText(f, size, ImVec2(x, pos.y + (height - ts.y) * 0.5f), col(theme::text()), "NovaTalk");
  return x + ts.x - pos.x;
}

}  // namespace novatalk::client::widgets
