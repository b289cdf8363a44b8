// lazy_read_buffer: an empty buffer lets Beast prepare only a small first read, a busy one the
// whole frame limit, and a buffer grown by a large frame is given back once consumed.
#include "server/lazy_read_buffer.hpp"

#include <gtest/gtest.h>

#include <boost/asio/buffer.hpp>

namespace novatalk::server {
namespace {

TEST(lazy_read_buffer, empty_buffer_offers_a_small_first_read) {
  lazy_read_buffer b(64 * 1024);
  EXPECT_EQ(b.capacity(), 0u);
  EXPECT_EQ(b.max_size(), lazy_read_buffer::first_read_bytes);
  b.prepare(b.max_size() - b.size());
  EXPECT_LE(b.capacity(), lazy_read_buffer::first_read_bytes);
}

TEST(lazy_read_buffer, a_partial_frame_may_grow_to_the_limit) {
  lazy_read_buffer b(64 * 1024);
  b.commit(boost::asio::buffer_copy(b.prepare(10), boost::asio::buffer("0123456789", 10)));
  EXPECT_EQ(b.max_size(), 64u * 1024);
  b.prepare(20000);  // an SDP arriving: no overflow
  EXPECT_GE(b.capacity(), 20010u);
}

TEST(lazy_read_buffer, a_large_buffer_is_given_back_when_consumed) {
  lazy_read_buffer b(64 * 1024);
  b.commit(b.prepare(20000).size());
  b.consume(b.size());
  EXPECT_EQ(b.capacity(), 0u);
  // A small one is kept: the next frame needs no allocation.
  b.commit(b.prepare(100).size());
  const auto kept = b.capacity();
  b.consume(b.size());
  EXPECT_EQ(b.capacity(), kept);
  EXPECT_EQ(b.max_size(), std::max(lazy_read_buffer::first_read_bytes, kept));
}

}  // namespace
}  // namespace novatalk::server
