#include "core/render/frame_fingerprint.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace novatalk::render {
namespace {

std::uint64_t of(const std::vector<std::string>& spans) {
  frame_fingerprint f;
  for (const auto& s : spans) f.add(s.data(), s.size());
  return f.value();
}

TEST(FrameFingerprint, SameBytesSameValue) {
  EXPECT_EQ(of({"vertices", "indices"}), of({"vertices", "indices"}));
}

TEST(FrameFingerprint, EveryByteAndBitCounts) {
  // A frame's vertex buffer: flipping any one bit anywhere (word or tail) changes the value.
  std::string frame(203, '\0');
  for (std::size_t i = 0; i < frame.size(); ++i) frame[i] = static_cast<char>(i * 7);
  const auto base = of({frame});
  std::set<std::uint64_t> seen{base};
  for (std::size_t i = 0; i < frame.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string changed = frame;
      changed[i] = static_cast<char>(changed[i] ^ (1 << bit));
      EXPECT_TRUE(seen.insert(of({changed})).second) << "byte " << i << " bit " << bit;
    }
  }
}

TEST(FrameFingerprint, SpanBoundariesAndLengthsCount) {
  EXPECT_NE(of({"ab", "c"}), of({"a", "bc"}));
  EXPECT_NE(of({std::string(8, '\0')}), of({std::string(9, '\0')}));
  EXPECT_NE(of({std::string(3, '\0')}), of({}));
  EXPECT_NE(of({"x", ""}), of({"x"}));
}

TEST(FrameFingerprint, OrderCounts) { EXPECT_NE(of({"left", "right"}), of({"right", "left"})); }

TEST(FrameFingerprint, ValuesByTheirBytes) {
  frame_fingerprint a;
  a.add_value(1280);
  a.add_value(720.0f);
  frame_fingerprint b;
  b.add_value(1280);
  b.add_value(721.0f);
  EXPECT_NE(a.value(), b.value());
}

}  // namespace
}  // namespace novatalk::render
