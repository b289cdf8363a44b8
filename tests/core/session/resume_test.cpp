// Tests of core/session/client_session's resume (docs/client.md, "Resume"): a call survives a
// dropped signaling socket when the server gave a resume token, `resume` is the first message on
// the new socket, and every answer (resumed, resume_failed, an old server's bad_message) and
// every thing the person does meanwhile (Next, Stop, Report) ends where it should.
#include <gtest/gtest.h>

#include "tests/core/session/session_fixture.hpp"

namespace novatalk::session {
namespace {

using namespace std::chrono_literals;
using namespace testing_support;
namespace p = protocol;

class resume_test : public session_test {
 protected:
  // The socket drops during a call with token `tok1`, then opens again; returns the actions of
  // the open (where `resume` goes out).
  actions drop_and_reopen() {
    ev(socket_closed{1006});
    at(s_.next_retry_at());
    return ev(socket_opened{});
  }
};

TEST_F(resume_test, a_drop_during_a_call_with_a_token_keeps_the_call) {
  const auto id = call(p::role::initiator, "tok1");
  auto a = ev(socket_closed{1006});
  EXPECT_EQ(count<close_peer>(a), 0);  // the media goes on peer to peer
  EXPECT_EQ(page_event_named(a, "partner_left"), nullptr);
  EXPECT_EQ(page_event_named(a, "searching"), nullptr);
  const auto* r = page_event_named(a, "reconnecting");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->fields["call_kept"], true);
  EXPECT_EQ(s_.current_screen(), screen::in_call);
  EXPECT_EQ(s_.call_id(), id);
  EXPECT_TRUE(s_.call_held());

  at(s_.next_retry_at());
  a = ev(socket_opened{});
  // `resume` is the first and only message on the new socket until it is answered.
  const auto msgs = sent(a);
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_EQ(std::get<p::resume>(msgs[0]).token, "tok1");
  // A welcome comes first on every connection: it must not make us join.
  EXPECT_TRUE(sent(server(p::welcome{3, "[]"})).empty());
  EXPECT_TRUE(s_.call_held());
}

TEST_F(resume_test, resumed_carries_on_with_the_same_stranger) {
  const auto id = call(p::role::responder, "tok1");
  drop_and_reopen();
  auto a = server(p::resumed{});
  EXPECT_NE(page_event_named(a, "resumed"), nullptr);
  EXPECT_EQ(count<close_peer>(a), 0);
  EXPECT_FALSE(s_.call_held());
  EXPECT_EQ(s_.call_id(), id);
  server(p::resume_token{"tok2"});
  // What the stranger sent while we were away is delivered like anything else.
  a = server(p::webrtc_ice_candidate{candidate("candidate:held")});
  ASSERT_NE(first<add_remote_candidate>(a), nullptr);
  EXPECT_EQ(first<add_remote_candidate>(a)->call_id, id);
  // Chat never used the server and still works.
  ev(peer_channel_open{id});
  EXPECT_EQ(count<send_peer_message>(ev(ui_send_chat{"still here"})), 1);
  // Next reaches the stranger as `next`: the pairing is this connection's again.
  a = ev(ui_next{});
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  EXPECT_EQ(sent_count<p::next>(a), 1);
  EXPECT_EQ(sent_count<p::join>(a), 0);
}

TEST_F(resume_test, report_works_after_resume) {
  call(p::role::initiator, "tok1");
  drop_and_reopen();
  server(p::resumed{});
  auto a = ev(ui_report{"spam"});
  ASSERT_EQ(sent(a).size(), 1u);
  EXPECT_EQ(std::get<p::report>(sent(a)[0]).reason, p::report_reason::spam);
}

TEST_F(resume_test, the_refreshed_token_is_the_one_resumed_with) {
  call(p::role::initiator, "tok1");
  server(p::resume_token{"tok2"});
  auto a = drop_and_reopen();
  EXPECT_EQ(std::get<p::resume>(sent(a).at(0)).token, "tok2");
  // After a resume the fresh token of `resume_token` is the one for the next drop.
  server(p::resumed{});
  server(p::resume_token{"tok3"});
  a = drop_and_reopen();
  EXPECT_EQ(std::get<p::resume>(sent(a).at(0)).token, "tok3");
}

TEST_F(resume_test, the_held_calls_handshake_waits_for_resumed) {
  const auto id = call(p::role::initiator, "tok1");
  ev(socket_closed{1006});
  // The path breaks too (the same network blip): the initiator restarts ICE meanwhile.
  auto a = ev(peer_connection_state{id, peer_state::disconnected});
  EXPECT_EQ(count<restart_ice>(a), 1);
  EXPECT_TRUE(sent(ev(peer_local_description{id, sdp_type::offer, "restart-offer"})).empty());
  EXPECT_TRUE(sent(ev(peer_local_candidate{id, candidate("candidate:1")})).empty());
  at(s_.next_retry_at());
  a = ev(socket_opened{});
  EXPECT_EQ(sent(a).size(), 1u);  // resume only: the server has no stranger for us before it
  EXPECT_TRUE(sent(ev(peer_local_candidate{id, candidate("candidate:2")})).empty());
  a = server(p::resumed{});
  const auto msgs = sent(a);
  ASSERT_EQ(msgs.size(), 3u);  // in the order the browser gave them
  EXPECT_EQ(std::get<p::webrtc_offer>(msgs[0]).sdp, "restart-offer");
  EXPECT_EQ(std::get<p::webrtc_ice_candidate>(msgs[1]).candidate->candidate, "candidate:1");
  EXPECT_EQ(std::get<p::webrtc_ice_candidate>(msgs[2]).candidate->candidate, "candidate:2");
  a = server(p::webrtc_answer{"restart-answer"});
  EXPECT_EQ(first<apply_remote_description>(a)->sdp, "restart-answer");
  a = ev(peer_connection_state{id, peer_state::connected});
  EXPECT_EQ(s_.current_screen(), screen::in_call);
  EXPECT_FALSE(s_.ice_restarting());
}

TEST_F(resume_test, resume_failed_ends_the_call_and_searches) {
  const auto id = call(p::role::initiator, "tok1");
  drop_and_reopen();
  auto a = server(p::error{p::error_code::resume_failed, "expired"});
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  const auto* left = page_event_named(a, "partner_left");
  ASSERT_NE(left, nullptr);
  EXPECT_EQ(left->fields["reason"], "disconnect");
  EXPECT_NE(page_event_named(a, "searching"), nullptr);
  EXPECT_EQ(sent_count<p::join>(a), 1);
  EXPECT_EQ(s_.current_screen(), screen::searching);
  EXPECT_TRUE(s_.partner_left_banner());
  EXPECT_FALSE(s_.call_held());
  // A late `resumed` (there is none, but a confused server) changes nothing.
  EXPECT_TRUE(server(p::resumed{}).empty());
}

// A stranger whose tab closed without a WebSocket close frame is "away" for the server, which
// would keep us waiting the whole grace; their browser closed the data channel, so we leave soon.
TEST_F(resume_test, the_strangers_channel_closing_ends_the_call_without_the_grace) {
  const auto id = call(p::role::initiator, "tok1");
  ev(peer_channel_open{id});
  const auto closed_at = s_.now();
  // First the server's word is waited for: it says why (next, leave).
  EXPECT_TRUE(ev(peer_channel_closed{id}).empty());
  EXPECT_TRUE(at(closed_at + 1999ms).empty());
  EXPECT_EQ(s_.current_screen(), screen::in_call);
  auto a = at(closed_at + 2000ms);
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  EXPECT_EQ(sent_count<p::next>(a), 1);  // the server ends the pairing now, not after the grace
  const auto* left = page_event_named(a, "partner_left");
  ASSERT_NE(left, nullptr);
  EXPECT_EQ(left->fields["reason"], "disconnect");
  EXPECT_NE(page_event_named(a, "searching"), nullptr);
  EXPECT_EQ(s_.current_screen(), screen::searching);
  // A close of a call already over (ours, or the one before) changes nothing.
  EXPECT_TRUE(ev(peer_channel_closed{id}).empty());
  EXPECT_TRUE(at(closed_at + 10s).empty());
}

TEST_F(resume_test, the_servers_partner_left_wins_over_the_channel_closing) {
  const auto id = call(p::role::responder, "tok1");
  ev(peer_channel_open{id});
  const auto closed_at = s_.now();
  ev(peer_channel_closed{id});  // the stranger pressed Stop: their browser closed the call first
  auto a = server(p::partner_left{p::leave_reason::leave});
  EXPECT_EQ(page_event_named(a, "partner_left")->fields["reason"], "leave");
  EXPECT_EQ(sent_count<p::join>(a), 1);
  // The wait ended with the call: no second partner_left, no `next`.
  a = at(closed_at + 5s);
  EXPECT_EQ(page_event_named(a, "partner_left"), nullptr);
  EXPECT_EQ(sent_count<p::next>(a), 0);
}

TEST_F(resume_test, the_strangers_channel_closing_while_we_are_away_leaves_after_resumed) {
  const auto id = call(p::role::responder, "tok1");
  ev(peer_channel_open{id});
  ev(socket_closed{1006});
  const auto closed_at = s_.now();
  ev(peer_channel_closed{id});
  auto a = at(closed_at + 2s);
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  EXPECT_TRUE(sent(a).empty());  // no socket yet
  EXPECT_EQ(s_.current_screen(), screen::searching);
  at(std::max(s_.now(), s_.next_retry_at()));
  a = ev(socket_opened{});
  ASSERT_EQ(sent(a).size(), 1u);
  EXPECT_EQ(std::get<p::resume>(sent(a)[0]).token, "tok1");
  // The pairing is ours again only to end it: a join leaves the stranger and queues us.
  a = server(p::resumed{});
  EXPECT_EQ(sent_count<p::join>(a), 1);
}

TEST_F(resume_test, a_server_without_resume_is_a_failed_resume) {
  call(p::role::responder, "tok1");
  drop_and_reopen();
  // A server that does not know `resume` answers bad_message: the call ends, we search.
  auto a = server(p::error{p::error_code::bad_message, "unknown message type"});
  EXPECT_EQ(count<close_peer>(a), 1);
  EXPECT_EQ(sent_count<p::join>(a), 1);
}

TEST_F(resume_test, other_errors_while_resuming_are_not_its_answer) {
  call(p::role::responder, "tok1");
  drop_and_reopen();
  auto a = server(p::error{p::error_code::unavailable, "pool away"});
  EXPECT_EQ(count<close_peer>(a), 0);
  EXPECT_TRUE(s_.call_held());
  EXPECT_NE(page_event_named(server(p::resumed{}), "resumed"), nullptr);
}

TEST_F(resume_test, the_partner_left_held_for_us_arrives_after_resumed) {
  const auto id = call(p::role::initiator, "tok1");
  drop_and_reopen();
  server(p::resumed{});
  auto a = server(p::partner_left{p::leave_reason::next});
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  EXPECT_EQ(page_event_named(a, "partner_left")->fields["reason"], "next");
  EXPECT_EQ(sent_count<p::join>(a), 1);
  // The pairing is over: a later drop has nothing to resume.
  a = drop_and_reopen();
  EXPECT_EQ(sent_count<p::resume>(a), 0);
  EXPECT_EQ(sent_count<p::join>(a), 1);
}

// Next while the socket is down: the peer connection closes at once and the page searches; the
// stranger is told `next` as soon as the pairing is ours again (a join while paired), instead of
// waiting out the grace window.
TEST_F(resume_test, next_during_the_outage_closes_at_once_and_leaves_the_stranger_after_resume) {
  const auto id = call(p::role::initiator, "tok1");
  ev(socket_closed{1006});
  auto a = ev(ui_next{});
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  EXPECT_TRUE(sent(a).empty());
  EXPECT_EQ(s_.current_screen(), screen::searching);
  EXPECT_FALSE(s_.call_held());
  at(s_.next_retry_at());
  a = ev(socket_opened{});
  ASSERT_EQ(sent(a).size(), 1u);
  EXPECT_EQ(std::get<p::resume>(sent(a)[0]).token, "tok1");
  EXPECT_TRUE(sent(server(p::welcome{1, "[]"})).empty());
  a = server(p::resumed{});
  EXPECT_EQ(page_event_named(a, "resumed"), nullptr);  // no call came back
  EXPECT_EQ(sent_count<p::join>(a), 1);
  // Held relays of the old stranger are dropped; the next match is a fresh call.
  EXPECT_TRUE(server(p::webrtc_offer{"old"}).empty());
  a = server(p::matched{p::role::responder, {}, "tok9"});
  EXPECT_NE(first<create_peer>(a)->call_id, id);
}

TEST_F(resume_test, next_during_the_outage_then_resume_failed_joins) {
  call(p::role::initiator, "tok1");
  ev(socket_closed{1006});
  ev(ui_next{});
  at(s_.next_retry_at());
  ev(socket_opened{});
  auto a = server(p::error{p::error_code::resume_failed, "gone"});
  EXPECT_EQ(sent_count<p::join>(a), 1);
  EXPECT_EQ(page_event_named(a, "partner_left"), nullptr);  // the person had already moved on
}

TEST_F(resume_test, stop_during_the_outage_leaves_the_stranger_after_resume) {
  const auto id = call(p::role::responder, "tok1");
  ev(socket_closed{1006});
  auto a = ev(ui_stop{});
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  EXPECT_EQ(s_.current_screen(), screen::idle);
  at(s_.next_retry_at());
  EXPECT_EQ(sent_count<p::resume>(ev(socket_opened{})), 1);
  a = server(p::resumed{});
  const auto msgs = sent(a);
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<p::leave>(msgs[0]));
  EXPECT_EQ(s_.current_screen(), screen::idle);
  // Start again: a plain join (the pairing is gone).
  a = ev(ui_start{});
  EXPECT_EQ(sent_count<p::join>(a), 1);
}

TEST_F(resume_test, stop_then_start_during_the_outage_joins_after_resume) {
  call(p::role::responder, "tok1");
  ev(socket_closed{1006});
  ev(ui_stop{});
  ev(ui_start{});  // the camera is still on: searching at once, the join waits
  EXPECT_EQ(s_.current_screen(), screen::searching);
  at(s_.next_retry_at());
  ev(socket_opened{});
  auto a = server(p::resumed{});
  EXPECT_EQ(sent_count<p::join>(a), 1);
  EXPECT_EQ(sent_count<p::leave>(a), 0);
}

TEST_F(resume_test, report_during_the_outage_is_sent_once_resumed) {
  call(p::role::initiator, "tok1");
  ev(socket_closed{1006});
  auto a = ev(ui_report{"harassment"});
  EXPECT_TRUE(sent(a).empty());
  EXPECT_EQ(s_.current_screen(), screen::searching);
  at(s_.next_retry_at());
  ev(socket_opened{});
  a = server(p::resumed{});
  ASSERT_EQ(sent(a).size(), 1u);
  EXPECT_EQ(std::get<p::report>(sent(a)[0]).reason, p::report_reason::harassment);
}

TEST_F(resume_test, a_second_drop_while_resuming_resumes_again) {
  const auto id = call(p::role::initiator, "tok1");
  drop_and_reopen();
  auto a = ev(socket_closed{1006});  // gone again before the answer
  EXPECT_EQ(count<close_peer>(a), 0);
  EXPECT_TRUE(s_.call_held());
  a = drop_and_reopen();
  EXPECT_EQ(std::get<p::resume>(sent(a).at(0)).token, "tok1");
  server(p::resumed{});
  EXPECT_EQ(s_.call_id(), id);
}

TEST_F(resume_test, a_held_call_whose_path_never_comes_back_ends_and_searches_after_resume) {
  const auto id = call(p::role::responder, "tok1");
  ev(socket_closed{1006});
  ev(peer_connection_state{id, peer_state::disconnected});
  auto a = at(s_.now() + 10000ms);  // the ICE restart gives up while the socket is still down
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  EXPECT_TRUE(sent(a).empty());
  at(s_.next_retry_at() + 10000ms);
  EXPECT_EQ(sent_count<p::resume>(ev(socket_opened{})), 1);
  EXPECT_EQ(sent_count<p::join>(server(p::resumed{})), 1);
}

TEST_F(resume_test, a_drop_while_connecting_keeps_the_handshake_too) {
  const auto id = match(p::role::responder, {}, "tok1");
  ev(socket_closed{1006});
  EXPECT_EQ(s_.current_screen(), screen::connecting);
  at(s_.next_retry_at());
  ev(socket_opened{});
  server(p::resumed{});
  // The offer held for us arrives after resumed and is answered as usual.
  auto a = server(p::webrtc_offer{"offer"});
  EXPECT_EQ(first<apply_remote_description>(a)->call_id, id);
  EXPECT_EQ(sent_count<p::webrtc_answer>(ev(peer_local_description{id, sdp_type::answer, "ans"})), 1);
}

TEST_F(resume_test, a_token_of_a_call_we_left_is_not_kept) {
  call(p::role::initiator, "tok1");
  ev(ui_next{});
  // A refresh the server sent before it saw our `next`.
  server(p::resume_token{"late"});
  auto a = drop_and_reopen();
  EXPECT_EQ(sent_count<p::resume>(a), 0);
  EXPECT_EQ(sent_count<p::join>(a), 1);
}

TEST_F(resume_test, a_resumed_nobody_asked_for_is_ignored) {
  call(p::role::initiator, "tok1");
  EXPECT_TRUE(server(p::resumed{}).empty());
  EXPECT_EQ(sent_count<p::next>(ev(ui_next{})), 1);
}

}  // namespace
}  // namespace novatalk::session
