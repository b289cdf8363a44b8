// Tests server/report_counts: distinct reporters per connection, forgotten with the connection.
#include "server/report_counts.hpp"

#include <gtest/gtest.h>

namespace novatalk::server {
namespace {

TEST(report_counts, counts_distinct_reporters) {
  report_counts counts;
  EXPECT_EQ(counts.count(2), 0u);
  EXPECT_EQ(counts.add(2, 1), 1u);
  EXPECT_EQ(counts.add(2, 1), 1u);  // the same reporter again counts once
  EXPECT_EQ(counts.add(2, 3), 2u);
  EXPECT_EQ(counts.add(3, 2), 1u);  // counts are per reported connection
  EXPECT_EQ(counts.count(2), 2u);
  EXPECT_EQ(counts.count(3), 1u);
  EXPECT_EQ(counts.count(1), 0u);
}

TEST(report_counts, a_count_dies_with_its_connection) {
  report_counts counts;
  counts.add(2, 1);
  counts.add(2, 3);
  counts.add(3, 2);
  EXPECT_EQ(counts.size(), 2u);
  counts.forget(1);  // a reporter leaving does not undo its report
  EXPECT_EQ(counts.count(2), 2u);
  counts.forget(2);
  EXPECT_EQ(counts.count(2), 0u);
  EXPECT_EQ(counts.size(), 1u);
  counts.forget(3);
  EXPECT_EQ(counts.size(), 0u);
  counts.forget(3);  // idempotent
  EXPECT_EQ(counts.size(), 0u);
}

}  // namespace
}  // namespace novatalk::server
