#include "wasm/spinner_view.hpp"

#include <emscripten/val.h>

#include "wasm/ui_theme.hpp"

namespace novatalk::client {

void spinner_view::show(const std::vector<widgets::spinner_place>& spinners, float scale) {
  std::vector<float> css;
  css.reserve(spinners.size() * 4);
  for (const auto& s : spinners) {
    css.insert(css.end(),
               {s.center.x / scale, s.center.y / scale, s.radius / scale, s.thickness / scale});
  }
  // The colours follow the theme (light, dark, a partner's look): 0xAABBGGRR, as ImGui packs them.
  const ImU32 arc = ImGui::ColorConvertFloat4ToU32(theme::brand_text());
  ImVec4 t = theme::icon();
  t.w *= 0.12f;
  const ImU32 track = ImGui::ColorConvertFloat4ToU32(t);
  if (css == shown_ && arc == arc_ && track == track_) return;
  shown_ = std::move(css);
  arc_ = arc;
  track_ = track;
  emscripten::val::module_property("ntSpinners")(
      emscripten::val(emscripten::typed_memory_view(shown_.size(), shown_.data())), arc_, track_);
}

}  // namespace novatalk::client
