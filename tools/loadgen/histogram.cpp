// Log-linear buckets: values under 128 exactly, above that the top 7 significant bits.
#include "tools/loadgen/histogram.hpp"

#include <algorithm>
#include <cmath>

namespace novatalk::loadgen {

int histogram::index_of(std::uint64_t v) {
  constexpr std::uint64_t linear = 2u << sub_bits;  // 128
  if (v < linear) return static_cast<int>(v);
  const int top = 63 - __builtin_clzll(v);  // >= 7
  const int shift = top - sub_bits;         // >= 1
  return shift * (1 << sub_bits) + static_cast<int>(v >> shift);
}

std::uint64_t histogram::value_of(int index) {
  constexpr int linear = 2 << sub_bits;
  if (index < linear) return static_cast<std::uint64_t>(index);
  const int shift = index / (1 << sub_bits) - 1;
  const std::uint64_t mantissa =
      static_cast<std::uint64_t>(index % (1 << sub_bits) + (1 << sub_bits));
  // The bucket's upper end: a percentile never reads better than the samples were.
  return ((mantissa + 1) << shift) - 1;
}

void histogram::record(std::uint64_t value_ns) {
  ++counts_[static_cast<std::size_t>(std::min(index_of(value_ns), buckets - 1))];
  ++count_;
  max_ = std::max(max_, value_ns);
}

void histogram::merge(const histogram& other) {
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  max_ = std::max(max_, other.max_);
}

std::uint64_t histogram::percentile(double fraction) const {
  if (count_ == 0) return 0;
  const auto wanted = std::max<std::uint64_t>(
      1, static_cast<std::uint64_t>(std::ceil(fraction * static_cast<double>(count_))));
  std::uint64_t seen = 0;
  for (int i = 0; i < buckets; ++i) {
    seen += counts_[static_cast<std::size_t>(i)];
    if (seen >= wanted) return std::min(value_of(i), max_);
  }
  return max_;
}

}  // namespace novatalk::loadgen
