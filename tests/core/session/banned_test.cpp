// Tests of the session when the server says `banned`: back to the landing screen with the time
// left, Start refused (no camera asked, no join) until it has passed, a call in progress kept
// until it ends, and the page event `banned` for partner sites.
#include <gtest/gtest.h>

#include "tests/core/session/session_fixture.hpp"

namespace novatalk::session {
namespace {

using namespace std::chrono_literals;
using namespace testing_support;
namespace p = protocol;

p::error banned_for(std::uint64_t seconds) {
  return p::error{p::error_code::banned, "reported by too many people", seconds};
}

TEST_F(session_test, banned_while_searching_goes_back_to_the_landing_screen_with_the_time_left) {
  search();
  at(1000ms);
  const auto a = server(banned_for(3600));
  EXPECT_EQ(s_.current_screen(), screen::idle);
  EXPECT_TRUE(s_.banned());
  EXPECT_EQ(s_.ban_seconds_left(), 3600);
  const auto* e = page_event_named(a, "banned");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->fields["retry_after"], 3600);
  ASSERT_NE(page_event_named(a, "error"), nullptr);
  EXPECT_EQ(page_event_named(a, "error")->fields["code"], "banned");
  EXPECT_TRUE(sent(a).empty());
  // Not shown as a generic error under Start: the landing screen has its own notice.
  EXPECT_TRUE(s_.last_error().empty());
  at(1000ms + 1799s + 500ms);
  EXPECT_EQ(s_.ban_seconds_left(), 1801);
}

TEST_F(session_test, start_is_refused_until_the_ban_ends) {
  search();
  at(0ms);
  server(banned_for(60));
  auto a = ev(ui_start{});
  EXPECT_EQ(s_.current_screen(), screen::idle);
  EXPECT_EQ(count<request_media>(a), 0);
  EXPECT_TRUE(sent(a).empty());
  ASSERT_NE(page_event_named(a, "banned"), nullptr);
  EXPECT_EQ(page_event_named(a, "banned")->fields["retry_after"], 60);
  // Once it has passed, Start searches again.
  at(60s);
  EXPECT_FALSE(s_.banned());
  a = ev(ui_start{});
  EXPECT_EQ(s_.current_screen(), screen::searching);
  EXPECT_EQ(sent_count<p::join>(a), 1);
}

TEST_F(session_test, a_ban_during_a_call_lets_the_call_go_on_and_stops_the_next_search) {
  call(p::role::initiator);
  at(0ms);
  auto a = server(banned_for(600));
  EXPECT_EQ(s_.current_screen(), screen::in_call);
  EXPECT_EQ(count<close_peer>(a), 0);
  ASSERT_NE(page_event_named(a, "banned"), nullptr);
  // The stranger leaves: no new search, the landing screen says why.
  a = server(p::partner_left{p::leave_reason::next});
  EXPECT_EQ(s_.current_screen(), screen::idle);
  EXPECT_EQ(sent_count<p::join>(a), 0);
  ASSERT_NE(page_event_named(a, "banned"), nullptr);
}

TEST_F(session_test, a_refused_join_after_partner_left_says_banned_once) {
  call(p::role::responder);
  at(0ms);
  // The ban starts as the call ends: the client has searched again before it hears.
  auto a = server(p::partner_left{p::leave_reason::next});
  EXPECT_EQ(sent_count<p::join>(a), 1);
  a = server(banned_for(3600));
  EXPECT_EQ(s_.current_screen(), screen::idle);
  ASSERT_NE(page_event_named(a, "banned"), nullptr);
  // The answer to that join comes too: still banned, no second page event... but the error.
  a = server(banned_for(3599));
  EXPECT_EQ(page_event_named(a, "banned"), nullptr);
  EXPECT_NE(page_event_named(a, "error"), nullptr);
  EXPECT_EQ(s_.current_screen(), screen::idle);
}

}  // namespace
}  // namespace novatalk::session
