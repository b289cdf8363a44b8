// Word at a time (8 bytes), each mixed in with a multiply and a rotate: a few hundred KB of
// vertices a frame take well under a millisecond in wasm. Not cryptographic: two different
// frames colliding would only leave one frame stale until the next change.
#include "core/render/frame_fingerprint.hpp"

#include <cstring>

namespace novatalk::render {
namespace {

constexpr std::uint64_t k1 = 0x9E3779B97F4A7C15ull;
constexpr std::uint64_t k2 = 0xC2B2AE3D27D4EB4Full;

std::uint64_t rotl(std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

std::uint64_t mix(std::uint64_t h, std::uint64_t w) { return rotl(h ^ (w * k2), 31) * k1; }

}  // namespace

void frame_fingerprint::add(const void* data, std::size_t size) {
  const auto* p = static_cast<const unsigned char*>(data);
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t w = 0;
    std::memcpy(&w, p + i, 8);
    h_ = mix(h_, w);
  }
  std::uint64_t tail = 0;
  if (size > i) std::memcpy(&tail, p + i, size - i);
  // The length closes the span: a tail of zero bytes and a shorter span differ.
  h_ = mix(mix(h_, tail), size);
}

}  // namespace novatalk::render
