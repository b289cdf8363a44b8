// Deterministic random text for property tests: a small LCG (same sequence natively and in
// wasm) and strings glued from pieces chosen to hit the interesting cases.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace novatalk::test {

class lcg {
 public:
  explicit lcg(std::uint32_t seed) : state_(seed) {}
  std::uint32_t operator()() {
    state_ = state_ * 1664525u + 1013904223u;
    return state_ >> 16;
  }

 private:
  std::uint32_t state_;
};

// Up to max_pieces pieces, each picked at random.
inline std::string random_text(lcg& next, const std::vector<std::string>& pieces,
                               std::size_t max_pieces) {
  std::string s;
  const std::size_t n = next() % (max_pieces + 1);
  for (std::size_t i = 0; i < n; ++i) s += pieces[next() % pieces.size()];
  return s;
}

}  // namespace novatalk::test
