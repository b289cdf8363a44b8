#include "wasm/spinner_view.hpp"

#include <emscripten/val.h>

#include <cmath>

#include "wasm/ui_theme.hpp"

namespace novatalk::client {
namespace {

std::string css_colour(const ImVec4& c, float alpha) {
  const auto byte = [](float v) { return std::to_string(static_cast<int>(std::lround(v * 255))); };
  return "rgba(" + byte(c.x) + "," + byte(c.y) + "," + byte(c.z) + "," +
         std::to_string(c.w * alpha) + ")";
}

}  // namespace

void spinner_view::show(const std::vector<widgets::spinner_place>& spinners, float scale) {
  std::vector<float> css;
  css.reserve(spinners.size() * 4);
  for (const auto& s : spinners) {
    css.insert(css.end(),
               {s.center.x / scale, s.center.y / scale, s.radius / scale, s.thickness / scale});
  }
  // The colours follow the theme (light, dark, a partner's look).
  std::string arc = css_colour(theme::brand_text(), 1.0f);
  std::string track = css_colour(theme::icon(), 0.12f);
  if (css == shown_ && arc == arc_ && track == track_) return;
  shown_ = std::move(css);
  arc_ = std::move(arc);
  track_ = std::move(track);
  emscripten::val list = emscripten::val::array();
  for (float v : shown_) list.call<void>("push", v);
  emscripten::val::module_property("ntSpinners")(list, arc_, track_);
}

}  // namespace novatalk::client
