#include "wasm/draw_fingerprint.hpp"

#include "core/render/frame_fingerprint.hpp"

namespace novatalk::client {

std::uint64_t fingerprint_of(const ImDrawData& data, int width, int height, const ImVec4& clear) {
  render::frame_fingerprint f;
  f.add_value(width);
  f.add_value(height);
  f.add_value(clear);
  f.add_value(data.DisplayPos);
  f.add_value(data.DisplaySize);
  f.add_value(data.FramebufferScale);
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList& list = *data.CmdLists[n];
    f.add(list.VtxBuffer.Data, static_cast<std::size_t>(list.VtxBuffer.size_in_bytes()));
    f.add(list.IdxBuffer.Data, static_cast<std::size_t>(list.IdxBuffer.size_in_bytes()));
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
      f.add_value(cmd.ClipRect);
      f.add_value(cmd.TextureId);
      f.add_value(cmd.VtxOffset);
      f.add_value(cmd.IdxOffset);
      f.add_value(cmd.ElemCount);
      f.add_value(cmd.UserCallback);
      f.add_value(cmd.UserCallbackData);
    }
  }
  return f.value();
}

}  // namespace novatalk::client
