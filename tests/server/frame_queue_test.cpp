// Tests of server/frame_queue: frames leave in order with their headers, what is in flight stays
// while others are added, one pong waits at most, a full queue keeps only what is in flight.
#include "server/frame_queue.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace novatalk::server {
namespace {

std::vector<std::string> take_all(frame_queue& q, std::size_t max = 32) {
  std::vector<std::string> pieces;
  q.take(max, [&](std::string_view p) { pieces.emplace_back(p); });
  return pieces;
}

TEST(frame_queue, waiting_frames_leave_together_header_then_shared_payload) {
  frame_queue q;
  EXPECT_TRUE(q.empty());
  const auto payload = std::make_shared<const std::string>("hello");
  q.push_text(payload);
  q.push_text(std::make_shared<const std::string>(std::string(300, 'x')));
  EXPECT_EQ(q.bytes(), 305u);
  const auto pieces = take_all(q);
  ASSERT_EQ(pieces.size(), 4u);
  EXPECT_EQ(pieces[0], "\x81\x05");
  EXPECT_EQ(pieces[1], "hello");
  EXPECT_EQ(pieces[2], std::string("\x81\x7e\x01\x2c", 4));
  EXPECT_EQ(pieces[3].size(), 300u);
  EXPECT_TRUE(q.writing());
  EXPECT_FALSE(q.written());
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.bytes(), 0u);
}

TEST(frame_queue, frames_added_during_a_write_wait_for_the_next) {
  frame_queue q;
  q.push_text(std::make_shared<const std::string>("a"));
  EXPECT_EQ(take_all(q).size(), 2u);
  q.push_text(std::make_shared<const std::string>("b"));
  q.written();
  const auto pieces = take_all(q);
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[1], "b");
}

TEST(frame_queue, a_write_takes_at_most_max_frames) {
  frame_queue q;
  for (int i = 0; i < 5; ++i) q.push_text(std::make_shared<const std::string>("m"));
  EXPECT_EQ(q.take(3, [](std::string_view) {}), 3u);
  q.written();
  EXPECT_EQ(q.take(3, [](std::string_view) {}), 2u);
}

TEST(frame_queue, one_pong_waits_at_most_and_the_latest_wins) {
  frame_queue q;
  q.push_pong("first");
  q.push_pong("second");
  const auto pieces = take_all(q);
  ASSERT_EQ(pieces.size(), 1u);
  EXPECT_EQ(pieces[0], "\x8a\x06second");
  // One in flight stays; the next one waits behind it.
  q.push_pong("third");
  q.written();
  EXPECT_EQ(take_all(q), std::vector<std::string>{"\x8a\x05third"});
}

TEST(frame_queue, a_full_queue_keeps_what_is_in_flight_and_the_close_follows) {
  frame_queue q;
  q.push_text(std::make_shared<const std::string>("in flight"));
  take_all(q);
  q.push_text(std::make_shared<const std::string>("waiting"));
  q.push_control(ws::opcode::ping, ws::encode_control(ws::opcode::ping, {}));
  EXPECT_TRUE(q.ping_pending());
  q.drop_waiting();
  EXPECT_FALSE(q.ping_pending());
  q.push_control(ws::opcode::close, ws::encode_close(1008, {}));
  EXPECT_FALSE(q.written());  // the frame in flight
  take_all(q);
  EXPECT_TRUE(q.written());  // the close
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.bytes(), 0u);
}

}  // namespace
}  // namespace novatalk::server
