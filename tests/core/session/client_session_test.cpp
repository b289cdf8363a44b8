// Tests of core/session/client_session: every screen, both roles, the race rules of `next`,
// stale call ids, reconnect with backoff, the media-denied path, and stop from every state.
#include "core/session/client_session.hpp"

#include <gtest/gtest.h>

#include "tests/core/session/session_fixture.hpp"

#include <sstream>
#include <string>
#include <type_traits>

namespace novatalk::session {
namespace {

using namespace std::chrono_literals;
using namespace testing_support;
namespace p = protocol;

// --- Enum names ---------------------------------------------------------------------------------

TEST(session_states, names_follow_w3c) {
  std::ostringstream os;
  os << peer_state::fresh << ' ' << peer_state::connecting << ' ' << peer_state::connected << ' '
     << peer_state::disconnected << ' ' << peer_state::failed << ' ' << peer_state::closed;
  EXPECT_EQ(os.str(), "new connecting connected disconnected failed closed");
  EXPECT_STREQ(to_string(socket_state::open), "open");
  EXPECT_STREQ(to_string(socket_state::reconnecting), "reconnecting");
  EXPECT_STREQ(to_string(screen::media_blocked), "media_blocked");
  EXPECT_EQ(peer_state_from_string("new"), peer_state::fresh);
  EXPECT_EQ(peer_state_from_string("connected"), peer_state::connected);
  EXPECT_EQ(peer_state_from_string("bogus"), peer_state::failed);
}

// --- Landing ------------------------------------------------------------------------------------

TEST_F(session_test, page_loaded_opens_socket_and_says_ready) {
  auto a = ev(page_loaded{});
  ASSERT_NE(first<open_socket>(a), nullptr);
  EXPECT_EQ(first<open_socket>(a)->url, "ws://host/ws");
  EXPECT_EQ(page_events(a), std::vector<std::string>{"ready"});
  EXPECT_EQ(s_.socket(), socket_state::connecting);
  EXPECT_EQ(s_.current_screen(), screen::idle);
  // Opening does not join: the landing page only shows the online count.
  EXPECT_TRUE(ev(socket_opened{}).empty());
  server(p::welcome{7, "[]"});
  EXPECT_EQ(s_.online_count(), 7u);
  server(p::online{9});
  EXPECT_EQ(s_.online_count(), 9u);
}

TEST_F(session_test, start_requests_media_then_joins_with_normalised_interests) {
  open();
  auto a = ev(ui_start{std::vector<std::string>{" Music ", "music", "", "Chess"}, std::nullopt});
  EXPECT_EQ(count<request_media>(a), 1);
  EXPECT_EQ(s_.current_screen(), screen::acquiring_media);
  EXPECT_TRUE(sent(a).empty());

  a = ev(media_granted{});
  EXPECT_EQ(s_.current_screen(), screen::searching);
  const auto msgs = sent(a);
  ASSERT_EQ(msgs.size(), 1u);
  const auto& j = std::get<p::join>(msgs[0]);
  EXPECT_EQ(j.interests, (std::vector<std::string>{"music", "chess"}));
  EXPECT_EQ(j.mode, p::chat_mode::video);
  EXPECT_EQ(page_events(a), std::vector<std::string>{"searching"});
}

// The partner id from the page's URL goes into every join; one the server would refuse does not.
TEST(session_partner, joins_carry_a_valid_partner_only) {
  for (const auto& [given, sent_as] : std::vector<std::pair<std::string, std::string>>{
           {"shop.example", "shop.example"}, {"", ""}, {"Shop Example", ""},
           {std::string(65, 'a'), ""}}) {
    session_config c;
    c.signal_url = "ws://host/ws";
    c.partner = given;
    client_session s(c, [] { return 0.0; });
    s.handle(page_loaded{});
    s.handle(socket_opened{});
    s.handle(socket_message{p::welcome{1, "[]"}});
    s.handle(ui_start{std::vector<std::string>{}, std::nullopt});
    const auto msgs = sent(s.handle(media_granted{}));
    ASSERT_EQ(msgs.size(), 1u) << given;
    EXPECT_EQ(std::get<p::join>(msgs[0]).partner, sent_as) << given;
  }
}

TEST_F(session_test, start_is_ignored_while_busy) {
  search();
  EXPECT_TRUE(ev(ui_start{}).empty());
  EXPECT_EQ(s_.current_screen(), screen::searching);
}

TEST_F(session_test, join_waits_for_the_socket) {
  ev(page_loaded{});
  ev(ui_start{});
  auto a = ev(media_granted{});
  EXPECT_EQ(s_.current_screen(), screen::searching);
  EXPECT_TRUE(sent(a).empty());
  a = ev(socket_opened{});
  EXPECT_EQ(sent_count<p::join>(a), 1);
}

// --- Media denied -----------------------------------------------------------------------------

TEST_F(session_test, media_denied_offers_continue_without_video) {
  open();
  ev(ui_start{});
  auto a = ev(media_denied{"NotAllowedError"});
  EXPECT_EQ(s_.current_screen(), screen::media_blocked);
  EXPECT_EQ(s_.media_error(), "NotAllowedError");
  const auto* err = page_event_named(a, "error");
  ASSERT_NE(err, nullptr);
  EXPECT_EQ(err->fields["code"], "media_denied");
  EXPECT_TRUE(sent(a).empty());

  a = ev(ui_continue_without_media{});
  EXPECT_EQ(s_.current_screen(), screen::searching);
  EXPECT_EQ(sent_count<p::join>(a), 1);
  EXPECT_FALSE(s_.has_local_video());
  EXPECT_FALSE(s_.has_local_audio());
  // Toggles without tracks change the flag only.
  a = ev(ui_toggle_camera{});
  EXPECT_EQ(count<set_track_enabled>(a), 0);
}

TEST_F(session_test, refused_permission_is_its_own_event) {
  open();
  ev(ui_start{});
  auto a = ev(media_denied{"NotAllowedError"});
  const auto* denied = page_event_named(a, "permission_denied");
  ASSERT_NE(denied, nullptr);
  EXPECT_EQ(denied->fields["reason"], "NotAllowedError");
  EXPECT_EQ(denied->fields["policy"], false);
  EXPECT_EQ(denied->fields["message"].get<std::string>().find("allow="), std::string::npos);
}

TEST_F(session_test, a_missing_iframe_allow_attribute_is_named_in_the_message) {
  open();
  ev(ui_start{});
  auto a = ev(media_denied{"NotAllowedError", true});
  EXPECT_EQ(page_event_named(a, "error")->fields["code"], "media_denied");  // still there
  const auto* denied = page_event_named(a, "permission_denied");
  ASSERT_NE(denied, nullptr);
  EXPECT_EQ(denied->fields["policy"], true);
  EXPECT_NE(denied->fields["message"].get<std::string>().find(
                "the page embedding NovaTalk must add allow=\"camera; microphone\" to its iframe"),
            std::string::npos);
}

TEST_F(session_test, a_missing_camera_is_not_a_permission_refusal) {
  open();
  ev(ui_start{});
  auto a = ev(media_denied{"NotFoundError"});
  EXPECT_NE(page_event_named(a, "error"), nullptr);
  EXPECT_EQ(page_event_named(a, "permission_denied"), nullptr);
}

TEST_F(session_test, media_blocked_can_retry_start) {
  open();
  ev(ui_start{});
  ev(media_denied{"NotFoundError"});
  auto a = ev(ui_start{});
  EXPECT_EQ(count<request_media>(a), 1);
  EXPECT_EQ(s_.current_screen(), screen::acquiring_media);
  EXPECT_TRUE(s_.media_error().empty());
}

TEST_F(session_test, late_media_results_are_ignored) {
  open();
  ev(ui_start{});
  ev(ui_stop{});
  EXPECT_TRUE(ev(media_granted{}).empty());
  EXPECT_TRUE(ev(media_denied{"NotAllowedError"}).empty());
  EXPECT_EQ(s_.current_screen(), screen::idle);
}

TEST_F(session_test, continue_without_media_only_from_blocked) {
  open();
  EXPECT_TRUE(ev(ui_continue_without_media{}).empty());
  EXPECT_EQ(s_.current_screen(), screen::idle);
}

// --- Happy paths
// ----------------------------------------------------------------------------------

TEST_F(session_test, initiator_happy_path) {
  search();
  auto a = server(p::matched{p::role::initiator, {"music"}});
  EXPECT_EQ(s_.current_screen(), screen::connecting);
  const auto* cp = first<create_peer>(a);
  ASSERT_NE(cp, nullptr);
  EXPECT_EQ(cp->role, p::role::initiator);
  EXPECT_EQ(cp->ice_servers_json, R"([{"urls":"stun:example"}])");
  const auto id = cp->call_id;
  const auto* m = page_event_named(a, "matched");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->fields["common"], nlohmann::json::array({"music"}));
  EXPECT_EQ(s_.common_interests(), std::vector<std::string>{"music"});

  // A candidate gathered before the offer is sent follows the offer.
  a = ev(peer_local_candidate{id, candidate("c0")});
  EXPECT_TRUE(sent(a).empty());
  a = ev(peer_local_description{id, sdp_type::offer, "offer-sdp"});
  auto msgs = sent(a);
  ASSERT_EQ(msgs.size(), 2u);
  EXPECT_EQ(std::get<p::webrtc_offer>(msgs[0]).sdp, "offer-sdp");
  EXPECT_EQ(std::get<p::webrtc_ice_candidate>(msgs[1]).candidate->candidate, "c0");
  a = ev(peer_local_candidate{id, candidate("c1")});
  EXPECT_EQ(sent_count<p::webrtc_ice_candidate>(a), 1);
  a = ev(peer_local_candidate{id, std::nullopt});  // end of candidates is relayed too
  ASSERT_EQ(sent(a).size(), 1u);
  EXPECT_FALSE(std::get<p::webrtc_ice_candidate>(sent(a)[0]).candidate.has_value());

  // The initiator never takes an offer (no glare).
  EXPECT_TRUE(server(p::webrtc_offer{"glare"}).empty());

  a = server(p::webrtc_answer{"answer-sdp"});
  const auto* rd = first<apply_remote_description>(a);
  ASSERT_NE(rd, nullptr);
  EXPECT_EQ(rd->call_id, id);
  EXPECT_EQ(rd->type, sdp_type::answer);
  EXPECT_EQ(rd->sdp, "answer-sdp");
  // A second answer is ignored.
  EXPECT_TRUE(server(p::webrtc_answer{"again"}).empty());

  a = server(p::webrtc_ice_candidate{candidate("r0")});
  ASSERT_EQ(count<add_remote_candidate>(a), 1);
  EXPECT_EQ(first<add_remote_candidate>(a)->candidate->candidate, "r0");

  ev(peer_connection_state{id, peer_state::connecting});
  EXPECT_EQ(s_.current_screen(), screen::connecting);
  a = ev(peer_connection_state{id, peer_state::connected});
  EXPECT_EQ(s_.current_screen(), screen::in_call);
  EXPECT_EQ(s_.peer(), peer_state::connected);
  EXPECT_EQ(page_events(a), std::vector<std::string>{"connected"});
}

TEST_F(session_test, responder_happy_path_with_early_candidates) {
  const auto id = match(p::role::responder);
  EXPECT_EQ(s_.my_role(), p::role::responder);
  // The responder ignores answers, and buffers candidates until the offer is applied.
  EXPECT_TRUE(server(p::webrtc_answer{"x"}).empty());
  EXPECT_TRUE(server(p::webrtc_ice_candidate{candidate("r0")}).empty());
  EXPECT_TRUE(server(p::webrtc_ice_candidate{candidate("r1")}).empty());

  auto a = server(p::webrtc_offer{"offer-sdp"});
  ASSERT_EQ(a.size(), 3u);
  const auto& rd = std::get<apply_remote_description>(a[0]);
  EXPECT_EQ(rd.type, sdp_type::offer);
  EXPECT_EQ(rd.call_id, id);
  EXPECT_EQ(std::get<add_remote_candidate>(a[1]).candidate->candidate, "r0");
  EXPECT_EQ(std::get<add_remote_candidate>(a[2]).candidate->candidate, "r1");

  // The responder sends an answer, never an offer.
  EXPECT_TRUE(sent(ev(peer_local_description{id, sdp_type::offer, "wrong"})).empty());
  a = ev(peer_local_description{id, sdp_type::answer, "answer-sdp"});
  ASSERT_EQ(sent(a).size(), 1u);
  EXPECT_EQ(std::get<p::webrtc_answer>(sent(a)[0]).sdp, "answer-sdp");

  ev(peer_connection_state{id, peer_state::connected});
  EXPECT_EQ(s_.current_screen(), screen::in_call);
}

TEST_F(session_test, pending_remote_candidates_are_bounded) {
  match(p::role::responder);
  for (int i = 0; i < 1000; ++i) server(p::webrtc_ice_candidate{candidate("r")});
  auto a = server(p::webrtc_offer{"offer-sdp"});
  EXPECT_EQ(count<add_remote_candidate>(a), 64);
}

TEST_F(session_test, stats_are_reported_only_in_a_call) {
  const auto id = match(p::role::initiator);
  EXPECT_TRUE(ev(peer_stats{id, {}}).empty());
  ev(peer_connection_state{id, peer_state::connected});
  call_stats st;
  st.frames_decoded = 40;
  st.frames_per_second = 20;
  st.rtt_ms = 1.5;
  st.candidate_type = "host";
  auto a = ev(peer_stats{id, st});
  const auto* e = page_event_named(a, "stats");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->fields["framesDecoded"], 40);
  EXPECT_EQ(e->fields["framesPerSecond"], 20);
  EXPECT_EQ(e->fields["rttMs"], 1.5);
  EXPECT_EQ(e->fields["candidateType"], "host");
  EXPECT_TRUE(ev(peer_stats{id + 1, st}).empty());
}

// --- Next and its races
// ---------------------------------------------------------------------------

TEST_F(session_test, next_sends_next_and_closes_the_peer) {
  const auto id = call(p::role::initiator);
  auto a = ev(ui_next{});
  EXPECT_EQ(s_.current_screen(), screen::searching);
  ASSERT_EQ(sent(a).size(), 1u);
  EXPECT_TRUE(std::holds_alternative<p::next>(sent(a)[0]));
  ASSERT_NE(first<close_peer>(a), nullptr);
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  EXPECT_EQ(page_events(a), std::vector<std::string>{"searching"});
  EXPECT_EQ(s_.call_id(), 0u);
}

TEST_F(session_test, next_while_connecting_works_too) {
  match(p::role::responder);
  auto a = ev(ui_next{});
  EXPECT_EQ(sent_count<p::next>(a), 1);
  EXPECT_EQ(count<close_peer>(a), 1);
}

TEST_F(session_test, next_while_searching_does_nothing) {
  search();
  EXPECT_TRUE(ev(ui_next{}).empty());
}

TEST_F(session_test, relays_of_the_old_stranger_after_next_are_dropped) {
  call(p::role::responder);
  ev(ui_next{});
  EXPECT_TRUE(server(p::webrtc_offer{"old"}).empty());
  EXPECT_TRUE(server(p::webrtc_answer{"old"}).empty());
  EXPECT_TRUE(server(p::webrtc_ice_candidate{candidate("old")}).empty());
  // Nothing stale is carried into the next call either.
  const auto* cp = first<create_peer>(server(p::matched{p::role::responder, {}}));
  ASSERT_NE(cp, nullptr);
  auto a = server(p::webrtc_offer{"new"});
  EXPECT_EQ(count<add_remote_candidate>(a), 0);
}

TEST_F(session_test, partner_left_after_our_next_is_ignored) {
  call(p::role::initiator);
  ev(ui_next{});
  // Both pressed Next at once: the server relays theirs before processing ours.
  auto a = server(p::partner_left{p::leave_reason::next});
  EXPECT_TRUE(a.empty());  // no second join
  EXPECT_EQ(s_.current_screen(), screen::searching);
  EXPECT_FALSE(s_.partner_left_banner());
}

TEST_F(session_test, partner_left_shows_banner_and_joins_again) {
  const auto id = call(p::role::responder);
  at(1000ms);
  auto a = server(p::partner_left{p::leave_reason::next});
  EXPECT_EQ(s_.current_screen(), screen::searching);
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  EXPECT_EQ(sent_count<p::join>(a), 1);
  const auto* pl = page_event_named(a, "partner_left");
  ASSERT_NE(pl, nullptr);
  EXPECT_EQ(pl->fields["reason"], "next");
  EXPECT_NE(page_event_named(a, "searching"), nullptr);
  EXPECT_TRUE(s_.partner_left_banner());
  at(3999ms);
  EXPECT_TRUE(s_.partner_left_banner());
  at(4000ms);
  EXPECT_FALSE(s_.partner_left_banner());
}

TEST_F(session_test, partner_left_while_connecting) {
  match(p::role::initiator);
  auto a = server(p::partner_left{p::leave_reason::disconnect});
  EXPECT_EQ(sent_count<p::join>(a), 1);
  EXPECT_EQ(s_.current_screen(), screen::searching);
}

TEST_F(session_test, rapid_next_gives_each_call_a_new_id) {
  const auto id1 = call(p::role::initiator);
  ev(ui_next{});
  const auto id2 = first<create_peer>(server(p::matched{p::role::responder, {}}))->call_id;
  ev(ui_next{});
  const auto id3 = first<create_peer>(server(p::matched{p::role::initiator, {}}))->call_id;
  EXPECT_LT(id1, id2);
  EXPECT_LT(id2, id3);
  EXPECT_EQ(s_.my_role(), p::role::initiator);
}

// --- Stale call ids -----------------------------------------------------------------------------

TEST_F(session_test, events_of_an_old_call_are_ignored) {
  const auto old_id = call(p::role::initiator);
  ev(ui_next{});
  const auto id = first<create_peer>(server(p::matched{p::role::initiator, {}}))->call_id;
  ASSERT_NE(old_id, id);
  EXPECT_TRUE(ev(peer_local_description{old_id, sdp_type::offer, "old"}).empty());
  EXPECT_TRUE(ev(peer_local_candidate{old_id, candidate("old")}).empty());
  EXPECT_TRUE(ev(peer_connection_state{old_id, peer_state::connected}).empty());
  EXPECT_TRUE(ev(peer_connection_state{old_id, peer_state::failed}).empty());
  EXPECT_TRUE(ev(peer_error{old_id, "boom"}).empty());
  EXPECT_EQ(s_.current_screen(), screen::connecting);
  EXPECT_EQ(s_.call_id(), id);
  // The current call still works.
  auto a = ev(peer_local_description{id, sdp_type::offer, "new"});
  EXPECT_EQ(std::get<p::webrtc_offer>(sent(a)[0]).sdp, "new");
}

TEST_F(session_test, events_without_a_call_are_ignored) {
  search();
  EXPECT_TRUE(ev(peer_connection_state{1, peer_state::connected}).empty());
  EXPECT_TRUE(ev(peer_local_description{0, sdp_type::offer, "x"}).empty());
  EXPECT_EQ(s_.current_screen(), screen::searching);
}

TEST_F(session_test, matched_after_stop_is_ignored) {
  search();
  ev(ui_stop{});
  EXPECT_TRUE(server(p::matched{p::role::initiator, {}}).empty());
  EXPECT_EQ(s_.current_screen(), screen::idle);
}

TEST_F(session_test, matched_during_a_call_replaces_the_stale_one) {
  // Stop and Start within one round trip: the first match was dissolved by our leave.
  const auto id1 = match(p::role::responder);
  auto a = server(p::matched{p::role::initiator, {}});
  EXPECT_EQ(first<close_peer>(a)->call_id, id1);
  EXPECT_GT(first<create_peer>(a)->call_id, id1);
  EXPECT_EQ(s_.my_role(), p::role::initiator);
}

TEST_F(session_test, not_matched_error_in_a_call_requeues) {
  match(p::role::initiator);
  auto a = server(p::error{p::error_code::not_matched, "not matched"});
  EXPECT_EQ(s_.current_screen(), screen::searching);
  EXPECT_EQ(count<close_peer>(a), 1);
  EXPECT_EQ(sent_count<p::next>(a), 1);
  EXPECT_EQ(page_event_named(a, "error")->fields["code"], "not_matched");
  // While searching it is a late answer about the old stranger: reported, nothing else.
  a = server(p::error{p::error_code::not_matched, "not matched"});
  EXPECT_TRUE(sent(a).empty());
  EXPECT_EQ(s_.last_error(), "not matched");
}

// --- Peer failures ----------------------------------------------------------------------------

TEST_F(session_test, ice_failed_before_connecting_means_the_stranger_is_gone) {
  const auto id = match(p::role::initiator);
  auto a = ev(peer_connection_state{id, peer_state::failed});
  EXPECT_EQ(s_.current_screen(), screen::searching);
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  EXPECT_EQ(sent_count<p::next>(a), 1);
  EXPECT_EQ(page_event_named(a, "partner_left")->fields["reason"], "failed");
  EXPECT_EQ(s_.notice(), notice_id::stranger_unreachable);
}

TEST_F(session_test, peer_error_reports_and_searches_again) {
  const auto id = match(p::role::responder);
  auto a = ev(peer_error{id, "setRemoteDescription failed"});
  EXPECT_EQ(page_event_named(a, "error")->fields["code"], "peer_error");
  EXPECT_EQ(sent_count<p::next>(a), 1);
  EXPECT_EQ(s_.current_screen(), screen::searching);
}

TEST_F(session_test, connect_timeout_moves_on) {
  at(100ms);
  match(p::role::responder);
  EXPECT_TRUE(at(20099ms).empty());
  auto a = at(20100ms);
  EXPECT_EQ(s_.current_screen(), screen::searching);
  EXPECT_EQ(sent_count<p::next>(a), 1);
  EXPECT_EQ(page_event_named(a, "partner_left")->fields["reason"], "timeout");
}

TEST_F(session_test, connected_call_has_no_timeout) {
  call(p::role::responder);
  EXPECT_TRUE(at(100000ms).empty());
  EXPECT_EQ(s_.current_screen(), screen::in_call);
}

// --- Reconnect ----------------------------------------------------------------------------------

TEST_F(session_test, reconnects_with_backoff_and_rejoins_when_searching) {
  search();
  at(10000ms);
  random_ = 0.5;  // full jitter: the middle of each window [0, cap)
  auto a = ev(socket_closed{1006});
  EXPECT_EQ(s_.socket(), socket_state::reconnecting);
  EXPECT_EQ(s_.reconnect_attempt(), 1u);
  EXPECT_EQ(s_.next_retry_at(), 10500ms);
  EXPECT_NE(page_event_named(a, "reconnecting"), nullptr);
  EXPECT_EQ(s_.current_screen(), screen::searching);

  EXPECT_TRUE(at(10499ms).empty());
  a = at(10500ms);
  ASSERT_NE(first<open_socket>(a), nullptr);
  EXPECT_EQ(s_.socket(), socket_state::connecting);

  // Fails again: the window doubles.
  ev(socket_closed{1006});
  EXPECT_EQ(s_.reconnect_attempt(), 2u);
  EXPECT_EQ(s_.next_retry_at(), 11500ms);
  at(11500ms);
  a = ev(socket_opened{});
  EXPECT_EQ(s_.socket(), socket_state::open);
  EXPECT_EQ(s_.reconnect_attempt(), 0u);
  EXPECT_EQ(sent_count<p::join>(a), 1);

  // After a successful open the next failure starts from the first window again.
  at(20000ms);
  ev(socket_closed{1006});
  EXPECT_EQ(s_.next_retry_at(), 20500ms);
}

TEST_F(session_test, backoff_is_capped_and_jittered) {
  open();
  random_ = 0.999;
  std::chrono::milliseconds last{0};
  for (int i = 0; i < 10; ++i) {
    ev(socket_closed{1006});
    last = s_.next_retry_at() - s_.now();
    ASSERT_LE(last, 8000ms);
    at(s_.next_retry_at());
  }
  EXPECT_GE(last, 7900ms);
}

TEST_F(session_test, reconnect_on_landing_does_not_join) {
  open();
  ev(socket_closed{1006});
  at(100000ms);
  EXPECT_TRUE(sent(ev(socket_opened{})).empty());
  EXPECT_EQ(s_.current_screen(), screen::idle);
}

// Without a resume token (a server that offers none) the call ends with the socket, as before;
// tests/core/session/resume_test.cpp has the calls that survive.
TEST_F(session_test, socket_loss_ends_the_call_and_rejoins_after_reconnect) {
  const auto id = call(p::role::initiator);
  auto a = ev(socket_closed{1001});
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  EXPECT_EQ(s_.current_screen(), screen::searching);
  EXPECT_TRUE(sent(a).empty());
  at(100000ms);
  a = ev(socket_opened{});
  EXPECT_EQ(sent_count<p::join>(a), 1);
}

TEST_F(session_test, next_during_reconnect_joins_after_it) {
  call(p::role::responder);
  ev(socket_closed{1006});
  // The call ended with the socket; a second close is a no-op.
  EXPECT_TRUE(ev(socket_closed{1006}).empty());
  EXPECT_TRUE(ev(ui_next{}).empty());
  at(100000ms);
  EXPECT_EQ(sent_count<p::join>(ev(socket_opened{})), 1);
}

TEST_F(session_test, messages_while_not_open_are_ignored) {
  search();
  ev(socket_closed{1006});
  EXPECT_TRUE(server(p::matched{p::role::initiator, {}}).empty());
  EXPECT_EQ(s_.current_screen(), screen::searching);
}

// --- Toggles ------------------------------------------------------------------------------------

TEST_F(session_test, toggles_enable_tracks_and_survive_restart) {
  search();
  auto a = ev(ui_toggle_mic{});
  ASSERT_NE(first<set_track_enabled>(a), nullptr);
  EXPECT_EQ(first<set_track_enabled>(a)->kind, track_kind::audio);
  EXPECT_FALSE(first<set_track_enabled>(a)->enabled);
  a = ev(ui_toggle_camera{});
  EXPECT_EQ(first<set_track_enabled>(a)->kind, track_kind::video);
  EXPECT_FALSE(s_.camera_on());
  // Switching to text mode releases the camera; back in video mode a fresh stream comes.
  ev(ui_stop{});
  ev(ui_set_mode{p::chat_mode::text});
  ev(ui_set_mode{p::chat_mode::video});
  ev(ui_start{});
  a = ev(media_granted{true, true});
  EXPECT_EQ(count<set_track_enabled>(a), 2);  // the fresh stream follows the toggles
  a = ev(ui_toggle_mic{});
  EXPECT_TRUE(first<set_track_enabled>(a)->enabled);
}

TEST_F(session_test, toggle_without_that_track_has_no_action) {
  open();
  ev(ui_start{});
  ev(media_granted{true, false});  // a microphone but no camera
  EXPECT_TRUE(ev(ui_toggle_camera{}).empty());
  EXPECT_EQ(count<set_track_enabled>(ev(ui_toggle_mic{})), 1);
}

// --- Stop from every state ----------------------------------------------------------------------

TEST_F(session_test, stop_when_idle_does_nothing) {
  open();
  EXPECT_TRUE(ev(ui_stop{}).empty());
}

TEST_F(session_test, stop_while_acquiring_media_cancels_it) {
  open();
  ev(ui_start{});
  auto a = ev(ui_stop{});
  EXPECT_EQ(count<release_media>(a), 1);
  EXPECT_TRUE(sent(a).empty());
  EXPECT_EQ(page_events(a), std::vector<std::string>{"stopped"});
  EXPECT_EQ(s_.current_screen(), screen::idle);
}

TEST_F(session_test, stop_while_media_blocked) {
  open();
  ev(ui_start{});
  ev(media_denied{"NotAllowedError"});
  auto a = ev(ui_stop{});
  EXPECT_EQ(count<release_media>(a), 0);
  EXPECT_TRUE(sent(a).empty());
  EXPECT_EQ(s_.current_screen(), screen::idle);
}

TEST_F(session_test, stop_while_searching_leaves) {
  search();
  auto a = ev(ui_stop{});
  EXPECT_EQ(sent_count<p::leave>(a), 1);
  EXPECT_EQ(count<release_media>(a), 0);  // the landing screen keeps the self-view
  EXPECT_TRUE(s_.has_local_video());
  EXPECT_EQ(count<close_peer>(a), 0);
  EXPECT_EQ(s_.current_screen(), screen::idle);
}

TEST_F(session_test, stop_while_searching_before_socket_opens_sends_nothing) {
  ev(page_loaded{});
  ev(ui_start{});
  ev(media_granted{});
  auto a = ev(ui_stop{});
  EXPECT_TRUE(sent(a).empty());
  EXPECT_TRUE(sent(ev(socket_opened{})).empty());  // and does not join later
}

TEST_F(session_test, stop_while_connecting_closes_the_peer) {
  const auto id = match(p::role::initiator);
  auto a = ev(ui_stop{});
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  EXPECT_EQ(sent_count<p::leave>(a), 1);
  EXPECT_EQ(s_.current_screen(), screen::idle);
  // Late events of that call and the stranger's relays are ignored.
  EXPECT_TRUE(ev(peer_local_description{id, sdp_type::offer, "x"}).empty());
  EXPECT_TRUE(server(p::webrtc_answer{"x"}).empty());
  EXPECT_TRUE(server(p::partner_left{p::leave_reason::leave}).empty());
}

TEST_F(session_test, stop_in_call_then_start_again) {
  const auto id = call(p::role::responder);
  auto a = ev(ui_stop{});
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  EXPECT_EQ(sent_count<p::leave>(a), 1);
  EXPECT_EQ(count<release_media>(a), 0);
  EXPECT_EQ(page_events(a), std::vector<std::string>{"stopped"});
  EXPECT_EQ(s_.current_screen(), screen::idle);
  // The camera is still on: Start searches at once.
  a = ev(ui_start{});
  EXPECT_EQ(count<request_media>(a), 0);
  EXPECT_EQ(sent_count<p::join>(a), 1);
}

TEST_F(session_test, stop_while_reconnecting) {
  search();
  ev(socket_closed{1006});
  auto a = ev(ui_stop{});
  EXPECT_TRUE(sent(a).empty());
  EXPECT_EQ(s_.current_screen(), screen::idle);
  at(100000ms);
  EXPECT_TRUE(sent(ev(socket_opened{})).empty());
}

TEST_F(session_test, stop_clears_the_banner) {
  call(p::role::initiator);
  server(p::partner_left{p::leave_reason::leave});
  EXPECT_TRUE(s_.partner_left_banner());
  ev(ui_stop{});
  EXPECT_FALSE(s_.partner_left_banner());
}

}  // namespace
}  // namespace novatalk::session
