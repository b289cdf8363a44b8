// Sizes are CSS pixels times `scale` (the device pixel ratio), so a layout looks the same at
// devicePixelRatio 1, 2 and 3.
#include "wasm/ui_layout.hpp"

#include <algorithm>

namespace novatalk::client::layout {
namespace {

constexpr float gap = 12;  // between the boxes

float clamp(float v, float lo, float hi) { return std::max(lo, std::min(v, hi)); }

}  // namespace

bool is_portrait(float width, float height, float scale) {
  return height > width * portrait_aspect || width / scale < min_side_by_side_css;
}

frame_boxes frame(float width, float height, float scale) {
  const float s = scale;
  frame_boxes f;
  f.portrait = is_portrait(width, height, scale);
  const float bar = (f.portrait ? 56 : 68) * s;
  const float foot = (f.portrait ? 36 : 44) * s;
  const float m = (f.portrait ? 12 : 20) * s;
  f.top_bar = {0, 0, width, bar};
  f.footer = {0, height - foot, width, foot};
  f.content = {m, bar, std::max(0.0f, width - 2 * m), std::max(0.0f, height - bar - foot)};
  return f;
}

call_boxes call(const frame_boxes& f, float scale, bool text_mode, float local_aspect) {
  const float s = scale;
  const box& c = f.content;
  const float g = gap * s;
  call_boxes b;
  if (local_aspect <= 0) local_aspect = 4.0f / 3.0f;
  if (text_mode) {
    // The chat is the screen: a readable column with the controls above it.
    const float w = std::min(c.w, 820 * s);
    const float x = c.x + (c.w - w) * 0.5f;
    const float ctl = (f.portrait ? 116 : 64) * s;  // a phone puts the status above the buttons
    b.controls = {x, c.y, w, ctl};
    b.chat = {x, c.y + ctl + g, w, std::max(0.0f, c.h - ctl - g)};
    return b;
  }
  if (f.portrait) {
    const float ctl = 60 * s;
    const float hero_h = clamp(c.h * 0.46f, 180 * s, c.w * 1.1f);
    b.hero = {c.x, c.y, c.w, std::min(hero_h, std::max(0.0f, c.h - ctl - g))};
    b.controls = {c.x, b.hero.bottom() + g, c.w, ctl};
    const float chat_y = b.controls.bottom() + g;
    b.chat = {c.x, chat_y, c.w, std::max(0.0f, c.bottom() - chat_y)};
    const float pw = clamp(b.hero.w * 0.3f, 90 * s, 150 * s);
    const float ph = pw / local_aspect;
    b.pip = {b.hero.right() - pw - 10 * s, b.hero.bottom() - ph - 10 * s, pw, ph};
    return b;
  }
  const float ctl = 64 * s;
  const float chat_w = clamp(c.w * 0.3f, 320 * s, 420 * s);
  b.hero = {c.x, c.y, std::max(0.0f, c.w - chat_w - g), std::max(0.0f, c.h - ctl - g)};
  b.controls = {c.x, b.hero.bottom() + g, b.hero.w, ctl};
  b.chat = {b.hero.right() + g, c.y, chat_w, c.h};
  const float pw = clamp(b.hero.w * 0.22f, 120 * s, 300 * s);
  const float ph = pw / local_aspect;
  b.pip = {b.hero.right() - pw - 16 * s, b.hero.bottom() - ph - 16 * s, pw, ph};
  return b;
}

landing_boxes landing(const frame_boxes& f, float scale, bool text_mode) {
  const float s = scale;
  const box& c = f.content;
  landing_boxes b;
  if (f.portrait) {
    b.column = c;  // one scrolling column; the preview is drawn inside it
    return b;
  }
  // Two columns centred: the pitch and controls left, the preview card right.
  const float total = std::min(c.w, 1120 * s);
  const float col_w = std::min(460 * s, total * 0.45f);
  const float gutter = 48 * s;
  const float prev_w = text_mode ? 0.0f : total - col_w - gutter;
  const float used = text_mode ? col_w : total;
  const float x0 = c.x + (c.w - used) * 0.5f;
  b.column = {x0, c.y, col_w, c.h};
  if (!text_mode) b.preview = {x0 + col_w + gutter, c.y, prev_w, c.h};
  return b;
}

}  // namespace novatalk::client::layout
