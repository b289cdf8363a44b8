// A 64-bit fingerprint of what a frame would put on screen (its draw data), so the client can
// skip handing the GPU a frame identical to the one already shown: a session event that changes
// nothing visible (an ICE candidate) or a settle frame then costs no WebGL work at all, which on
// a software-rendered canvas is most of a frame (docs/performance.md, "Client").
// Platform-free: the caller feeds the bytes (wasm/main.cpp walks ImGui's draw lists).
#pragma once

#include <cstddef>
#include <cstdint>

namespace novatalk::render {

class frame_fingerprint {
 public:
  // Adds one span of bytes. The spans' boundaries count: ("ab", "c") differs from ("a", "bc").
  void add(const void* data, std::size_t size);
  template <typename T>
  void add_value(const T& v) {
    add(&v, sizeof v);
  }
  std::uint64_t value() const { return h_; }

 private:
  std::uint64_t h_ = 0x9E3779B97F4A7C15ull;
};

}  // namespace novatalk::render
