// Tests of the queued offer in core/session (client_session_queued.cpp): a peer connection and its
// offer made while waiting, handed over with `matched` by a server that offers the feature, and
// never leaked, reused for the wrong stranger or sent stale.
#include <gtest/gtest.h>

#include "tests/core/session/session_fixture.hpp"

namespace novatalk::session {
namespace {

using namespace std::chrono_literals;
using namespace testing_support;
namespace p = protocol;

class queued_offer_test : public session_test {
 protected:
  static p::welcome welcome(bool queued = true) {
    p::welcome w{42, R"([{"urls":"stun:example"}])"};
    w.queued_offer = queued;
    return w;
  }
  // Searching on a server that takes queued offers; returns the prepared connection's id.
  std::uint64_t queued() {
    ev(page_loaded{});
    ev(socket_opened{});
    server(welcome());
    ev(ui_start{std::vector<std::string>{}, std::nullopt});
    auto a = ev(media_granted{});
    EXPECT_EQ(sent_count<p::join>(a), 1);
    const auto* cp = first<create_peer>(a);
    EXPECT_NE(cp, nullptr);
    if (!cp) return 0;
    EXPECT_EQ(cp->role, p::role::initiator);
    EXPECT_EQ(s_.prepared_call_id(), cp->call_id);
    EXPECT_EQ(s_.call_id(), 0u);
    return cp->call_id;
  }
  // Queued with the offer sent to the server and two candidates kept.
  std::uint64_t offered() {
    const auto id = queued();
    auto a = ev(peer_local_description{id, sdp_type::offer, "prepared-sdp"});
    const auto msgs = sent(a);
    EXPECT_EQ(msgs.size(), 1u);
    if (msgs.size() == 1) {
      EXPECT_EQ(std::get<p::queued_offer>(msgs[0]).sdp, "prepared-sdp");
    }
    EXPECT_TRUE(sent(ev(peer_local_candidate{id, candidate("c1")})).empty());
    EXPECT_TRUE(sent(ev(peer_local_candidate{id, std::nullopt})).empty());
    return id;
  }
  static p::matched matched_as(p::role r, bool offer_sent) {
    p::matched m{r, {}};
    m.offer_sent = offer_sent;
    return m;
  }
};

TEST_F(queued_offer_test, an_older_server_gets_no_prepared_connection) {
  ev(page_loaded{});
  ev(socket_opened{});
  server(welcome(false));
  ev(ui_start{std::vector<std::string>{}, std::nullopt});
  auto a = ev(media_granted{});
  EXPECT_EQ(sent_count<p::join>(a), 1);
  EXPECT_EQ(count<create_peer>(a), 0);
  EXPECT_EQ(s_.prepared_call_id(), 0u);
  // And `matched` works as ever: a new connection, whose offer goes out as webrtc_offer.
  a = server(p::matched{p::role::initiator, {}});
  const auto id = first<create_peer>(a)->call_id;
  a = ev(peer_local_description{id, sdp_type::offer, "sdp"});
  EXPECT_EQ(sent_count<p::webrtc_offer>(a), 1);
  EXPECT_EQ(sent_count<p::queued_offer>(a), 0);
}

TEST_F(queued_offer_test, the_prepared_offer_goes_to_the_server_and_candidates_stay_here) {
  const auto id = offered();
  EXPECT_EQ(s_.current_screen(), screen::searching);
  EXPECT_EQ(s_.media_call_id(), id);
  // A second description of it (none expected) sends nothing more.
  EXPECT_TRUE(sent(ev(peer_local_description{id, sdp_type::offer, "again"})).empty());
}

TEST_F(queued_offer_test, handed_over_with_matched_the_initiator_sends_only_its_candidates) {
  const auto id = offered();
  auto a = server(matched_as(p::role::initiator, true));
  EXPECT_EQ(count<create_peer>(a), 0);
  EXPECT_EQ(count<close_peer>(a), 0);
  EXPECT_EQ(s_.call_id(), id);
  EXPECT_EQ(s_.prepared_call_id(), 0u);
  EXPECT_EQ(s_.current_screen(), screen::connecting);
  const auto msgs = sent(a);
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_EQ(std::get<p::webrtc_ice_candidate>(msgs[0]).candidate->candidate, "c1");
  EXPECT_FALSE(std::get<p::webrtc_ice_candidate>(msgs[1]).candidate.has_value());
  EXPECT_NE(page_event_named(a, "matched"), nullptr);
  // Later candidates go straight out; the answer is applied to the prepared connection.
  EXPECT_EQ(sent_count<p::webrtc_ice_candidate>(ev(peer_local_candidate{id, candidate("c2")})), 1);
  a = server(p::webrtc_answer{"answer-sdp"});
  ASSERT_NE(first<apply_remote_description>(a), nullptr);
  EXPECT_EQ(first<apply_remote_description>(a)->call_id, id);
  ev(peer_connection_state{id, peer_state::connected});
  EXPECT_EQ(s_.current_screen(), screen::in_call);
}

TEST_F(queued_offer_test, matched_without_offer_sent_sends_the_prepared_offer_itself) {
  const auto id = offered();
  auto a = server(matched_as(p::role::initiator, false));
  EXPECT_EQ(count<create_peer>(a), 0);
  const auto msgs = sent(a);
  ASSERT_EQ(msgs.size(), 3u);
  EXPECT_EQ(std::get<p::webrtc_offer>(msgs[0]).sdp, "prepared-sdp");
  EXPECT_TRUE(std::holds_alternative<p::webrtc_ice_candidate>(msgs[1]));
  EXPECT_TRUE(std::holds_alternative<p::webrtc_ice_candidate>(msgs[2]));
  a = server(p::webrtc_answer{"answer-sdp"});
  EXPECT_EQ(first<apply_remote_description>(a)->call_id, id);
}

TEST_F(queued_offer_test, matched_before_the_offer_was_made_sends_it_when_it_is) {
  const auto id = queued();
  ev(peer_local_candidate{id, candidate("early")});
  auto a = server(matched_as(p::role::initiator, false));
  EXPECT_EQ(count<create_peer>(a), 0);
  EXPECT_TRUE(sent(a).empty());
  a = ev(peer_local_description{id, sdp_type::offer, "late-sdp"});
  const auto msgs = sent(a);
  ASSERT_EQ(msgs.size(), 2u);  // never as queued_offer once matched
  EXPECT_EQ(std::get<p::webrtc_offer>(msgs[0]).sdp, "late-sdp");
  EXPECT_EQ(std::get<p::webrtc_ice_candidate>(msgs[1]).candidate->candidate, "early");
}

TEST_F(queued_offer_test, a_responder_drops_the_prepared_connection_and_answers_on_a_new_one) {
  const auto id = offered();
  auto a = server(matched_as(p::role::responder, false));
  ASSERT_NE(first<close_peer>(a), nullptr);
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  const auto* cp = first<create_peer>(a);
  ASSERT_NE(cp, nullptr);
  EXPECT_NE(cp->call_id, id);
  EXPECT_EQ(cp->role, p::role::responder);
  EXPECT_TRUE(sent(a).empty());  // none of the prepared candidates
  EXPECT_EQ(s_.prepared_call_id(), 0u);
  const auto answering = cp->call_id;  // `cp` points into `a`, which is reused below
  a = server(p::webrtc_offer{"stranger-offer"});
  EXPECT_EQ(first<apply_remote_description>(a)->call_id, answering);
  // Late events of the dropped connection change nothing and send nothing.
  EXPECT_TRUE(ev(peer_local_candidate{id, candidate("late")}).empty());
  EXPECT_TRUE(ev(peer_local_description{id, sdp_type::offer, "late"}).empty());
}

TEST_F(queued_offer_test, a_responder_whose_offer_was_not_made_yet_drops_it_too) {
  const auto id = queued();
  auto a = server(matched_as(p::role::responder, false));
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  EXPECT_TRUE(ev(peer_local_description{id, sdp_type::offer, "late"}).empty());
}

TEST_F(queued_offer_test, stop_closes_the_prepared_connection_and_sends_nothing_stale) {
  const auto id = queued();
  auto a = ev(ui_stop{});
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  EXPECT_EQ(sent_count<p::leave>(a), 1);
  EXPECT_EQ(s_.prepared_call_id(), 0u);
  EXPECT_TRUE(ev(peer_local_description{id, sdp_type::offer, "late"}).empty());
  // Start again: a new one, for the new wait.
  a = ev(ui_start{std::vector<std::string>{}, std::nullopt});
  EXPECT_EQ(sent_count<p::join>(a), 1);
  ASSERT_NE(first<create_peer>(a), nullptr);
  EXPECT_NE(first<create_peer>(a)->call_id, id);
}

TEST_F(queued_offer_test, a_lost_socket_closes_it_and_the_next_socket_prepares_anew) {
  const auto id = offered();
  auto a = ev(socket_closed{1006, ""});
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  EXPECT_EQ(s_.prepared_call_id(), 0u);
  at(time_point{60000ms});
  a = ev(socket_opened{});
  EXPECT_EQ(sent_count<p::join>(a), 1);
  EXPECT_EQ(count<create_peer>(a), 0);  // the welcome says whether this server takes it
  a = server(welcome());
  ASSERT_NE(first<create_peer>(a), nullptr);
  EXPECT_NE(first<create_peer>(a)->call_id, id);
  // A server without the feature after a reconnect: nothing is prepared.
  ev(socket_closed{1006, ""});
  at(time_point{120000ms});
  ev(socket_opened{});
  a = server(welcome(false));
  EXPECT_EQ(count<create_peer>(a), 0);
  EXPECT_EQ(s_.prepared_call_id(), 0u);
}

TEST_F(queued_offer_test, partner_left_rejoins_and_prepares_a_new_offer) {
  const auto id = offered();
  server(matched_as(p::role::initiator, true));
  ev(peer_connection_state{id, peer_state::connected});
  auto a = server(p::partner_left{p::leave_reason::next});
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  EXPECT_EQ(sent_count<p::join>(a), 1);
  const auto* cp = first<create_peer>(a);
  ASSERT_NE(cp, nullptr);
  EXPECT_EQ(cp->role, p::role::initiator);
  EXPECT_EQ(s_.prepared_call_id(), cp->call_id);
  EXPECT_EQ(s_.call_id(), 0u);
}

TEST_F(queued_offer_test, next_prepares_after_the_next_went_out_and_not_while_it_is_held) {
  at(time_point{10000ms});
  const auto id = offered();
  server(matched_as(p::role::initiator, true));
  ev(peer_connection_state{id, peer_state::connected});
  auto a = ev(ui_next{});
  EXPECT_EQ(sent_count<p::next>(a), 1);
  const auto* cp = first<create_peer>(a);
  ASSERT_NE(cp, nullptr);
  const auto second = cp->call_id;
  // Matched again at once and skipped again within the interval: the `next` is held, and so is
  // the preparing (the server still pairs us with this stranger until it goes out).
  a = server(matched_as(p::role::responder, false));
  EXPECT_EQ(first<close_peer>(a)->call_id, second);
  const auto third = first<create_peer>(a)->call_id;
  a = ev(ui_next{});
  EXPECT_EQ(first<close_peer>(a)->call_id, third);
  EXPECT_TRUE(s_.skip_pending());
  EXPECT_EQ(count<create_peer>(a), 0);
  EXPECT_EQ(s_.prepared_call_id(), 0u);
  a = at(time_point{12000ms});
  EXPECT_EQ(sent_count<p::next>(a), 1);
  EXPECT_EQ(count<create_peer>(a), 1);
  EXPECT_NE(s_.prepared_call_id(), 0u);
}

TEST_F(queued_offer_test, a_refused_offer_is_not_retried_until_the_next_wait) {
  const auto id = queued();
  auto a = ev(peer_error{id, "InvalidStateError"});
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  EXPECT_EQ(count<create_peer>(a), 0);
  EXPECT_EQ(page_event_named(a, "error"), nullptr);  // nobody's call failed
  EXPECT_EQ(count<create_peer>(at(time_point{5000ms})), 0);
  // Matched: a call as ever.
  a = server(matched_as(p::role::initiator, false));
  ASSERT_NE(first<create_peer>(a), nullptr);
  EXPECT_EQ(s_.current_screen(), screen::connecting);
}

TEST_F(queued_offer_test, a_ban_while_waiting_closes_it) {
  const auto id = queued();
  p::error e{p::error_code::banned, "banned"};
  e.retry_after = 60;
  auto a = server(e);
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  EXPECT_EQ(s_.prepared_call_id(), 0u);
}

TEST_F(queued_offer_test, a_matched_after_stop_leaves_nothing_behind) {
  const auto id = offered();
  ev(ui_stop{});
  auto a = server(matched_as(p::role::initiator, true));
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(s_.call_id(), 0u);
  EXPECT_EQ(s_.prepared_call_id(), 0u);
  (void)id;
}

TEST_F(queued_offer_test, the_prepared_connection_is_a_call_connection_in_text_and_relay_mode) {
  ev(page_loaded{});
  ev(ui_set_mode{p::chat_mode::text});
  ev(ui_set_relay_only{true});
  ev(socket_opened{});
  p::welcome w{1, R"([{"urls":"turn:relay.example:3478","username":"u","credential":"c"}])"};
  w.queued_offer = true;
  server(w);
  auto a = ev(ui_start{std::vector<std::string>{}, std::nullopt});
  const auto* cp = first<create_peer>(a);
  ASSERT_NE(cp, nullptr);
  EXPECT_FALSE(cp->with_media);
  EXPECT_TRUE(cp->relay_only);
  EXPECT_EQ(cp->ice_servers_json, w.ice_servers_json);
}

TEST_F(queued_offer_test, other_events_of_the_prepared_connection_change_nothing) {
  const auto id = queued();
  EXPECT_TRUE(ev(peer_connection_state{id, peer_state::failed}).empty());
  EXPECT_TRUE(ev(peer_channel_closed{id}).empty());
  EXPECT_TRUE(ev(peer_ice_server_error{id, 401}).empty());
  EXPECT_EQ(s_.current_screen(), screen::searching);
  EXPECT_EQ(s_.prepared_call_id(), id);
}

}  // namespace
}  // namespace novatalk::session
