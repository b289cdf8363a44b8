// Tests of core/session/client_session's spacing of `next` and `report`: the server answers a
// second one within --next-interval-ms with rate_limited, so a fast double Next must never send
// two. The second Next acts at once on screen and its `next` waits out the interval.
#include <gtest/gtest.h>

#include "tests/core/session/session_fixture.hpp"

namespace novatalk::session {
namespace {

using namespace std::chrono_literals;
using namespace testing_support;
namespace p = protocol;

class next_spacing_test : public session_test {
 protected:
  // A call, then Next at `t`: the first `next` goes out at once; the server matches us again
  // 100 ms later. Returns the new call's id.
  std::uint64_t next_then_match(time_point t) {
    call(p::role::initiator);
    at(t);
    EXPECT_EQ(sent_count<p::next>(ev(ui_next{})), 1);
    at(t + 100ms);
    auto a = server(p::matched{p::role::responder, {}});
    return first<create_peer>(a)->call_id;
  }
};

TEST_F(next_spacing_test, a_fast_second_next_waits_for_the_interval) {
  const auto id = next_then_match(10000ms);
  at(10300ms);
  auto a = ev(ui_next{});
  // On screen at once: the peer closes, we search. On the wire: nothing yet.
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  EXPECT_EQ(s_.current_screen(), screen::searching);
  EXPECT_NE(page_event_named(a, "searching"), nullptr);
  EXPECT_TRUE(sent(a).empty());
  EXPECT_TRUE(s_.skip_pending());
  // A third press while it waits is the same Next: still one.
  EXPECT_TRUE(ev(ui_next{}).empty());
  // The stranger's relays meanwhile are the old call's: dropped.
  EXPECT_TRUE(server(p::webrtc_offer{"x"}).empty());
  EXPECT_EQ(sent_count<p::next>(at(11199ms)), 0);
  a = at(11200ms);  // next_interval (1200 ms) after the first
  EXPECT_EQ(sent_count<p::next>(a), 1);
  EXPECT_FALSE(s_.skip_pending());
  EXPECT_EQ(sent_count<p::next>(at(20000ms)), 0);
  // And the match after it is taken as usual.
  EXPECT_NE(first<create_peer>(server(p::matched{p::role::initiator, {}})), nullptr);
}

TEST_F(next_spacing_test, a_next_after_the_interval_goes_at_once) {
  next_then_match(10000ms);
  at(11200ms);
  EXPECT_EQ(sent_count<p::next>(ev(ui_next{})), 1);
}

TEST_F(next_spacing_test, stop_cancels_the_held_next) {
  next_then_match(10000ms);
  at(10300ms);
  ev(ui_next{});
  auto a = ev(ui_stop{});
  EXPECT_EQ(sent_count<p::leave>(a), 1);  // leave is not limited, and ends the pairing
  EXPECT_EQ(sent_count<p::next>(at(12000ms)), 0);
}

TEST_F(next_spacing_test, the_stranger_leaving_first_turns_the_held_next_into_a_join) {
  next_then_match(10000ms);
  at(10300ms);
  ev(ui_next{});
  // The server unpaired us and queues nobody by itself: join now (not limited).
  auto a = server(p::partner_left{p::leave_reason::next});
  EXPECT_EQ(sent_count<p::join>(a), 1);
  EXPECT_FALSE(s_.skip_pending());
  EXPECT_EQ(sent_count<p::next>(at(12000ms)), 0);
}

TEST_F(next_spacing_test, report_right_after_next_is_spaced_too) {
  next_then_match(10000ms);
  ev(peer_connection_state{s_.call_id(), peer_state::connected});
  at(10500ms);
  auto a = ev(ui_report{"spam"});
  EXPECT_TRUE(sent(a).empty());
  a = at(11200ms);
  ASSERT_EQ(sent(a).size(), 1u);
  EXPECT_EQ(std::get<p::report>(sent(a)[0]).reason, p::report_reason::spam);
}

TEST_F(next_spacing_test, a_failed_call_right_after_next_is_spaced_too) {
  const auto id = next_then_match(10000ms);
  at(10400ms);
  auto a = ev(peer_connection_state{id, peer_state::failed});
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  EXPECT_TRUE(sent(a).empty());
  EXPECT_EQ(sent_count<p::next>(at(11200ms)), 1);
}

TEST_F(next_spacing_test, the_interval_is_per_connection) {
  next_then_match(10000ms);
  ev(socket_closed{1006});  // no token: the call ends with the socket
  at(s_.next_retry_at());
  EXPECT_EQ(sent_count<p::join>(ev(socket_opened{})), 1);
  auto a = server(p::matched{p::role::initiator, {}});
  EXPECT_EQ(sent_count<p::next>(ev(ui_next{})), 1);  // a new connection: nothing to wait for
}

TEST_F(next_spacing_test, a_held_next_dies_with_its_socket) {
  next_then_match(10000ms);
  at(10300ms);
  ev(ui_next{});
  ev(socket_closed{1006});
  EXPECT_FALSE(s_.skip_pending());
  at(s_.next_retry_at() + 2000ms);
  auto a = ev(socket_opened{});
  EXPECT_EQ(sent_count<p::join>(a), 1);  // the new connection starts without a pairing
  EXPECT_EQ(sent_count<p::next>(a), 0);
}

}  // namespace
}  // namespace novatalk::session
