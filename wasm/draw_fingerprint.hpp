// The fingerprint of a frame ImGui has laid out: everything that reaches the canvas (vertices,
// indices, draw commands with their clip rectangles, textures and callbacks such as the video
// holes' blending), plus the canvas size and the clear colour. main.cpp hands the GPU only
// frames whose fingerprint differs from the one on screen (core/render/frame_fingerprint).
#pragma once

#include <cstdint>

#include <imgui.h>

namespace novatalk::client {

std::uint64_t fingerprint_of(const ImDrawData& data, int width, int height, const ImVec4& clear);

}  // namespace novatalk::client
