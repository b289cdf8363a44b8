// A log-linear latency histogram (nanoseconds, about 1% precision, mergeable across threads):
// percentiles without storing every sample.
#pragma once

#include <array>
#include <cstdint>

namespace novatalk::loadgen {

class histogram {
 public:
  void record(std::uint64_t value_ns);
  void merge(const histogram& other);
  std::uint64_t count() const { return count_; }
  std::uint64_t max() const { return max_; }
  // The smallest recorded bucket value with at least `fraction` of the samples at or below it
  // (0 when empty). fraction in [0, 1].
  std::uint64_t percentile(double fraction) const;

 private:
  // 64 sub-buckets per power of two above 128 ns: a bucket spans under 1.6% of its value.
  static constexpr int sub_bits = 6;
  static constexpr int buckets = (64 - sub_bits) * (1 << sub_bits) + (2 << sub_bits);
  static int index_of(std::uint64_t v);
  static std::uint64_t value_of(int index);

  std::array<std::uint64_t, buckets> counts_{};
  std::uint64_t count_ = 0;
  std::uint64_t max_ = 0;
};

}  // namespace novatalk::loadgen
