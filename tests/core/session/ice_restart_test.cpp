// Tests of the session's ICE restart: a call that was up and lost its path is restarted by the
// initiator (never by both: no glare), answered by the responder like the first offer, and given
// up after a timeout or a second failure, with a notice for the person.
#include <gtest/gtest.h>

#include "tests/core/session/session_fixture.hpp"

namespace novatalk::session {
namespace {

using namespace std::chrono_literals;
using namespace testing_support;
namespace p = protocol;

TEST_F(session_test, initiator_restarts_ice_when_disconnected) {
  const auto id = call(p::role::initiator);
  auto a = ev(peer_connection_state{id, peer_state::disconnected});
  ASSERT_NE(first<restart_ice>(a), nullptr);
  EXPECT_EQ(first<restart_ice>(a)->call_id, id);
  EXPECT_NE(page_event_named(a, "reconnecting_peer"), nullptr);
  EXPECT_TRUE(s_.ice_restarting());
  EXPECT_EQ(s_.current_screen(), screen::in_call);

  // Candidates of the new generation wait for the new offer, then follow it in order.
  EXPECT_TRUE(sent(ev(peer_local_candidate{id, candidate("candidate:new")})).empty());
  a = ev(peer_local_description{id, sdp_type::offer, "restart-offer"});
  auto msgs = sent(a);
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_EQ(std::get<p::webrtc_offer>(msgs[0]).sdp, "restart-offer");
  EXPECT_TRUE(std::holds_alternative<p::webrtc_ice_candidate>(msgs[1]));

  a = server(p::webrtc_answer{"restart-answer"});
  ASSERT_NE(first<apply_remote_description>(a), nullptr);
  EXPECT_EQ(first<apply_remote_description>(a)->sdp, "restart-answer");
  // A duplicate answer is ignored: one answer per offer.
  EXPECT_TRUE(server(p::webrtc_answer{"again"}).empty());

  a = ev(peer_connection_state{id, peer_state::connected});
  EXPECT_FALSE(s_.ice_restarting());
  EXPECT_EQ(page_event_named(a, "connected")->fields["restarted"], true);
  EXPECT_EQ(s_.current_screen(), screen::in_call);
}

TEST_F(session_test, responder_waits_for_the_restart_offer_and_answers_it) {
  const auto id = call(p::role::responder);
  auto a = ev(peer_connection_state{id, peer_state::disconnected});
  EXPECT_EQ(first<restart_ice>(a), nullptr);  // only the initiator offers
  EXPECT_TRUE(s_.ice_restarting());
  a = server(p::webrtc_offer{"restart-offer"});
  ASSERT_NE(first<apply_remote_description>(a), nullptr);
  EXPECT_EQ(first<apply_remote_description>(a)->type, sdp_type::offer);
  // Its candidates wait for the answer, as at the start.
  EXPECT_TRUE(sent(ev(peer_local_candidate{id, candidate("candidate:r")})).empty());
  a = ev(peer_local_description{id, sdp_type::answer, "restart-answer"});
  auto msgs = sent(a);
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_EQ(std::get<p::webrtc_answer>(msgs[0]).sdp, "restart-answer");
  ev(peer_connection_state{id, peer_state::connected});
  EXPECT_FALSE(s_.ice_restarting());
}

TEST_F(session_test, restart_that_does_not_reconnect_in_time_moves_on) {
  at(1000ms);
  const auto id = call(p::role::initiator);
  ev(peer_connection_state{id, peer_state::disconnected});
  EXPECT_TRUE(at(10999ms).empty() || s_.current_screen() == screen::in_call);
  EXPECT_EQ(s_.current_screen(), screen::in_call);
  auto a = at(11000ms);
  EXPECT_EQ(s_.current_screen(), screen::searching);
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  EXPECT_EQ(sent_count<p::next>(a), 1);
  EXPECT_EQ(page_event_named(a, "partner_left")->fields["reason"], "failed");
  EXPECT_EQ(s_.notice(), notice_id::stranger_lost);
  EXPECT_FALSE(s_.ice_restarting());
  // The notice goes away by itself.
  at(16000ms);
  EXPECT_EQ(s_.notice(), notice_id::none);
}

TEST_F(session_test, failure_during_the_restart_gives_up) {
  const auto id = call(p::role::initiator);
  ev(peer_connection_state{id, peer_state::disconnected});
  auto a = ev(peer_connection_state{id, peer_state::failed});
  EXPECT_EQ(s_.current_screen(), screen::searching);
  EXPECT_EQ(sent_count<p::next>(a), 1);
}

TEST_F(session_test, failed_without_disconnected_first_also_restarts) {
  const auto id = call(p::role::initiator);
  auto a = ev(peer_connection_state{id, peer_state::failed});
  EXPECT_NE(first<restart_ice>(a), nullptr);
  EXPECT_EQ(s_.current_screen(), screen::in_call);
}

TEST_F(session_test, partner_left_during_a_restart_ends_it) {
  const auto id = call(p::role::responder);
  ev(peer_connection_state{id, peer_state::disconnected});
  auto a = server(p::partner_left{p::leave_reason::disconnect});
  EXPECT_FALSE(s_.ice_restarting());
  EXPECT_EQ(s_.current_screen(), screen::searching);
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
}

TEST_F(session_test, events_of_an_old_call_do_not_restart_the_new_one) {
  const auto old_id = call(p::role::initiator);
  ev(ui_next{});
  server(p::matched{p::role::initiator, {}});
  auto a = ev(peer_connection_state{old_id, peer_state::disconnected});
  EXPECT_TRUE(a.empty());
  EXPECT_FALSE(s_.ice_restarting());
}

}  // namespace
}  // namespace novatalk::session
