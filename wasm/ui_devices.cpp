// Device labels come from the browser and may hold anything, ImGui's "##" included: each entry
// is a Selectable without a label, with the text drawn unformatted beside it.
#include "wasm/ui_devices.hpp"

#include <imgui.h>

#include <string>
#include <vector>

#include "wasm/ui_focus.hpp"
#include "wasm/ui_theme.hpp"

namespace novatalk::client {
namespace {

// The words of one kind of device: "Default camera", "Camera 2".
struct device_words {
  text_id fallback;  // the browser's default
  text_id numbered;  // "Camera {}"
};

// "FaceTime HD Camera", or "Camera 2" before a permission gives the browser's labels away.
std::string device_name(const std::vector<session::media_device>& list, std::size_t i,
                        device_words what) {
  return list[i].label.empty() ? tr(what.numbered, std::to_string(i + 1)) : list[i].label;
}

// A combo of devices; returns true and the id when the person picked one.
bool device_combo(const char* id, device_words what, const std::vector<session::media_device>& list,
                  const std::string& selected, float width, std::string& picked) {
  std::string preview = tr(what.fallback);
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].id == selected && !selected.empty()) {
      preview = device_name(list, i, what);
    }
  }
  bool changed = false;
  ImGui::SetNextItemWidth(width);
  ImGui::BeginDisabled(list.empty());
  // The preview is drawn unformatted by ImGui; each entry's label by us (labels come from the
  // browser and may contain anything, including ImGui's "##").
  if (ImGui::BeginCombo(id, preview.c_str())) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      const std::string label = device_name(list, i, what);
      const ImVec2 p = ImGui::GetCursorScreenPos();
      if (ImGui::Selectable("##device", list[i].id == selected, 0,
                            ImVec2(0, ImGui::GetTextLineHeight()))) {
        picked = list[i].id;
        changed = true;
      }
      ImGui::GetWindowDrawList()->AddText(p, ImGui::GetColorU32(ImGuiCol_Text), label.c_str());
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  focus::item();
  ImGui::EndDisabled();
  return changed;
}

}  // namespace

void draw_device_pickers(frame_ctx& c, float width) {
  theme::font_scope fs(theme::font_role::body);
  const float half = (width - c.px(theme::gap)) * 0.5f;
  std::string picked;
  if (device_combo("##camera", {text_id::default_camera, text_id::camera_n}, c.s.cameras(), c.s.selected_camera(), half, picked)) {
    c.send(session::ui_select_device{session::track_kind::video, picked});
  }
  c.last_item_region("camera_picker");
  ImGui::SameLine(0, c.px(theme::gap));
  if (device_combo("##microphone", {text_id::default_microphone, text_id::microphone_n},
                   c.s.microphones(), c.s.selected_microphone(), half, picked)) {
    c.send(session::ui_select_device{session::track_kind::audio, picked});
  }
  c.last_item_region("mic_picker");
}

}  // namespace novatalk::client
