// Tests of core/session/client_session's reconnect policy: full-jitter backoff with injected
// randomness, a draining server's `retry:<ms>` hint, and no attempts while the browser is offline.
#include <gtest/gtest.h>

#include "tests/core/session/session_fixture.hpp"

namespace novatalk::session {
namespace {

using namespace std::chrono_literals;
using namespace testing_support;
namespace p = protocol;

using reconnect_test = session_test;  // reconnect.initial 1000 ms, reconnect.max 8000 ms

TEST_F(reconnect_test, full_jitter_delays_lie_in_zero_to_the_window) {
  open();
  // Window n is min(8000, 1000 * 2^n); the delay is random * window, rounded down.
  const std::chrono::milliseconds windows[] = {1000ms, 2000ms, 4000ms, 8000ms, 8000ms};
  for (double r : {0.0, 0.3, 0.999}) {
    ev(socket_opened{});  // a fresh backoff
    for (const auto window : windows) {
      random_ = r;
      auto a = ev(socket_closed{1006});
      const auto delay = s_.next_retry_at() - s_.now();
      EXPECT_EQ(delay.count(), static_cast<long long>(r * static_cast<double>(window.count())));
      EXPECT_LT(delay, window);
      EXPECT_EQ(page_event_named(a, "reconnecting")->fields["delay_ms"], delay.count());
      at(s_.next_retry_at());
    }
  }
}

TEST_F(reconnect_test, random_zero_retries_at_once) {
  search();
  random_ = 0.0;
  at(5000ms);
  ev(socket_closed{1006});
  EXPECT_EQ(s_.next_retry_at(), 5000ms);
  EXPECT_NE(first<open_socket>(at(5000ms)), nullptr);
}

TEST_F(reconnect_test, a_draining_server_spreads_us_over_its_hint) {
  search();
  at(1000ms);
  random_ = 0.5;
  auto a = ev(socket_closed{1001, "retry:3000"});
  EXPECT_EQ(s_.next_retry_at(), 2500ms);  // uniform in [0, 3000): 0.5 of it
  const auto* r = page_event_named(a, "reconnecting");
  EXPECT_EQ(r->fields["delay_ms"], 1500);
  EXPECT_EQ(r->fields["drain"], true);
  EXPECT_EQ(r->fields["code"], 1001);
  EXPECT_TRUE(at(2499ms).empty());
  EXPECT_NE(first<open_socket>(at(2500ms)), nullptr);
  // The hint is not a failure: a real failure next starts the backoff at its first window.
  ev(socket_closed{1006});
  EXPECT_EQ(s_.next_retry_at(), 3000ms);  // 2500 + 0.5 * 1000
  // Bounds of the hint's window, with the random source at both ends.
  at(3000ms);
  random_ = 0.9999;
  ev(socket_opened{});
  ev(socket_closed{1001, "retry:3000"});
  EXPECT_EQ(s_.next_retry_at() - s_.now(), 2999ms);
}

TEST_F(reconnect_test, a_huge_hint_is_cut_to_drain_retry_max) {
  open();
  random_ = 0.9999;
  ev(socket_closed{1001, "retry:999999999"});
  EXPECT_LT(s_.next_retry_at() - s_.now(), 60000ms);
  EXPECT_GE(s_.next_retry_at() - s_.now(), 59000ms);
}

TEST_F(reconnect_test, anything_else_is_no_hint_and_the_backoff_decides) {
  for (const auto& [code, reason] : std::vector<std::pair<int, std::string>>{
           {1001, ""}, {1001, "retry:"}, {1001, "retry:abc"}, {1001, "retry:-5"},
           {1001, "retry:12x"}, {1001, "retry:1234567890"}, {1001, "Retry:3000"},
           {1001, " retry:3000"}, {1006, "retry:3000"}, {1000, "retry:3000"},
           {1001, "going away"}}) {
    session_config c = make_config();
    client_session s(c, [] { return 0.5; });
    s.handle(page_loaded{});
    s.handle(socket_opened{});
    auto a = s.handle(socket_closed{code, reason});
    EXPECT_EQ(s.next_retry_at(), 500ms) << code << " " << reason;  // 0.5 of the first window
    EXPECT_FALSE(page_event_named(a, "reconnecting")->fields.contains("drain")) << reason;
  }
}

TEST_F(reconnect_test, no_attempts_while_offline_and_one_at_once_when_online) {
  search();
  ev(network_offline{});
  EXPECT_TRUE(s_.offline());
  auto a = ev(socket_closed{1006});
  const auto* r = page_event_named(a, "reconnecting");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->fields["offline"], true);
  EXPECT_EQ(r->fields["delay_ms"], -1);
  EXPECT_EQ(s_.socket(), socket_state::reconnecting);
  // However long it lasts: no socket is opened.
  for (auto t = 1000ms; t <= 600000ms; t += 1000ms) ASSERT_EQ(count<open_socket>(at(t)), 0);
  a = ev(network_online{});
  EXPECT_FALSE(s_.offline());
  ASSERT_NE(first<open_socket>(a), nullptr);
  EXPECT_EQ(s_.socket(), socket_state::connecting);
  EXPECT_EQ(sent_count<p::join>(ev(socket_opened{})), 1);
}

TEST_F(reconnect_test, going_offline_stops_a_running_timer) {
  search();
  random_ = 0.5;
  ev(socket_closed{1006});
  const auto due = s_.next_retry_at();
  ev(network_offline{});
  EXPECT_TRUE(at(due + 60000ms).empty());
  // Back online: at once, and the backoff starts over (the failures were the network's).
  EXPECT_EQ(count<open_socket>(ev(network_online{})), 1);
  ev(socket_closed{1006});
  EXPECT_EQ(s_.next_retry_at() - s_.now(), 500ms);  // 0.5 of the first window again
}

TEST_F(reconnect_test, a_page_that_loads_offline_connects_when_online) {
  ev(network_offline{});
  auto a = ev(page_loaded{});
  EXPECT_EQ(count<open_socket>(a), 0);
  EXPECT_EQ(page_events(a), std::vector<std::string>{"ready"});
  EXPECT_EQ(s_.socket(), socket_state::reconnecting);
  EXPECT_TRUE(at(100000ms).empty());
  EXPECT_EQ(count<open_socket>(ev(network_online{})), 1);
}

TEST_F(reconnect_test, online_and_offline_with_an_open_socket_change_nothing) {
  search();
  EXPECT_TRUE(ev(network_online{}).empty());  // was never offline
  EXPECT_TRUE(ev(network_offline{}).empty());  // the socket closes by itself if it must
  EXPECT_EQ(s_.socket(), socket_state::open);
  EXPECT_TRUE(ev(network_online{}).empty());  // still open: no second socket
  EXPECT_EQ(s_.socket(), socket_state::open);
}

TEST_F(reconnect_test, an_offline_outage_during_a_call_still_resumes) {
  const auto id = call(p::role::initiator, "tok1");
  ev(network_offline{});
  auto a = ev(socket_closed{1006});
  EXPECT_EQ(count<close_peer>(a), 0);
  EXPECT_TRUE(s_.call_held());
  EXPECT_TRUE(at(s_.now() + 15000ms).empty());
  ev(network_online{});
  EXPECT_EQ(std::get<p::resume>(sent(ev(socket_opened{})).at(0)).token, "tok1");
  EXPECT_NE(page_event_named(server(p::resumed{}), "resumed"), nullptr);
  EXPECT_EQ(s_.call_id(), id);
}

}  // namespace
}  // namespace novatalk::session
