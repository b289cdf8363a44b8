// Tests of "Hide my IP": relay-only peer connections, and the refusal to search when the server
// offers no TURN relay (said before searching, never discovered as a failed call).
#include <gtest/gtest.h>

#include "tests/core/session/session_fixture.hpp"

namespace novatalk::session {
namespace {

using namespace std::chrono_literals;
using namespace testing_support;
namespace p = protocol;

constexpr const char* kWithTurn =
    R"([{"urls":"stun:s:3478"},{"urls":["turn:t:3478?transport=udp"],"username":"1:x","credential":"c"}])";

TEST_F(session_test, relay_mode_creates_relay_only_connections) {
  ev(page_loaded{});
  ev(socket_opened{});
  server(p::welcome{1, kWithTurn});
  EXPECT_TRUE(s_.turn_available());
  auto a = ev(ui_set_relay_only{true});
  EXPECT_EQ(page_event_named(a, "privacy")->fields["relay"], true);
  ev(ui_start{});
  ev(media_granted{});
  a = server(p::matched{p::role::initiator, {}});
  ASSERT_NE(first<create_peer>(a), nullptr);
  EXPECT_TRUE(first<create_peer>(a)->relay_only);
}

TEST_F(session_test, direct_mode_is_the_default) {
  auto id = match(p::role::responder);
  EXPECT_NE(id, 0u);
  EXPECT_FALSE(s_.relay_only());
}

TEST_F(session_test, relay_mode_without_turn_says_so_instead_of_searching) {
  open();  // the fixture's welcome has STUN only
  EXPECT_FALSE(s_.turn_available());
  ev(ui_set_relay_only{true});
  auto a = ev(ui_start{});
  EXPECT_EQ(count<request_media>(a), 0);
  EXPECT_TRUE(sent(a).empty());
  EXPECT_EQ(page_event_named(a, "error")->fields["code"], "relay_unavailable");
  EXPECT_EQ(s_.current_screen(), screen::idle);
  EXPECT_EQ(s_.notice(), notice_id::relay_missing);
  // Turning it off lets the person go on.
  ev(ui_set_relay_only{false});
  EXPECT_EQ(count<request_media>(ev(ui_start{})), 1);
}

TEST_F(session_test, turn_urls_are_recognised_in_every_form) {
  ev(page_loaded{});
  ev(socket_opened{});
  server(p::welcome{1, R"([{"urls":"turns:t:443?transport=tcp"}])"});
  EXPECT_TRUE(s_.turn_available());
  server(p::ice_servers{R"([{"urls":["stun:s","turn:t"]}])"});
  EXPECT_TRUE(s_.turn_available());
  server(p::ice_servers{R"([{"urls":"stun:turn.example.org"}])"});
  EXPECT_FALSE(s_.turn_available());
  server(p::ice_servers{"not json"});
  EXPECT_FALSE(s_.turn_available());
}

TEST_F(session_test, relay_mode_started_before_the_welcome_joins_only_after_it) {
  ev(page_loaded{});
  ev(ui_set_relay_only{true});
  ev(ui_start{});
  ev(media_granted{});
  EXPECT_EQ(s_.current_screen(), screen::searching);
  EXPECT_TRUE(sent(ev(socket_opened{})).empty());  // held back: no iceServers known yet
  auto a = server(p::welcome{1, kWithTurn});
  EXPECT_EQ(sent_count<p::join>(a), 1);
}

TEST_F(session_test, relay_mode_started_before_a_welcome_without_turn_is_refused) {
  ev(page_loaded{});
  ev(ui_set_relay_only{true});
  ev(ui_start{});
  ev(media_granted{});
  ev(socket_opened{});
  auto a = server(p::welcome{1, "[]"});
  EXPECT_TRUE(sent(a).empty());
  EXPECT_EQ(page_event_named(a, "error")->fields["code"], "relay_unavailable");
  EXPECT_EQ(s_.current_screen(), screen::idle);
}

TEST_F(session_test, relay_mode_refused_when_the_welcome_came_during_the_camera_prompt) {
  ev(page_loaded{});
  ev(ui_set_relay_only{true});
  ev(ui_start{});  // no welcome yet: asks for the camera
  ev(socket_opened{});
  server(p::welcome{1, "[]"});
  auto a = ev(media_granted{});
  EXPECT_TRUE(sent(a).empty());
  EXPECT_EQ(page_event_named(a, "error")->fields["code"], "relay_unavailable");
  EXPECT_EQ(s_.current_screen(), screen::idle);
}

// Direct mode, a server with TURN, matched as `r`; returns the call id.
class relay_retry_test : public session_test {
 protected:
  std::uint64_t matched_with_turn(p::role r) {
    ev(page_loaded{});
    ev(socket_opened{});
    server(p::welcome{1, kWithTurn});
    ev(ui_start{});
    ev(media_granted{});
    auto a = server(p::matched{r, {}});
    EXPECT_FALSE(first<create_peer>(a)->relay_only);
    return first<create_peer>(a)->call_id;
  }
};

TEST_F(relay_retry_test, initiator_retries_through_the_relay_once_when_direct_ice_fails) {
  const auto id = matched_with_turn(p::role::initiator);
  ev(peer_local_description{id, sdp_type::offer, "direct-offer"});
  server(p::webrtc_answer{"direct-answer"});
  auto a = ev(peer_connection_state{id, peer_state::failed});
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  ASSERT_NE(first<create_peer>(a), nullptr);
  const auto retry = first<create_peer>(a)->call_id;
  EXPECT_GT(retry, id);
  EXPECT_TRUE(first<create_peer>(a)->relay_only);
  EXPECT_EQ(first<create_peer>(a)->role, p::role::initiator);
  EXPECT_TRUE(sent(a).empty());  // no `next`: same stranger
  EXPECT_NE(page_event_named(a, "relay_retry"), nullptr);
  EXPECT_EQ(s_.notice(), notice_id::relay_retry);
  EXPECT_EQ(s_.current_screen(), screen::connecting);
  // Late events of the direct attempt are ignored; the retry offers and connects.
  EXPECT_TRUE(ev(peer_connection_state{id, peer_state::failed}).empty());
  a = ev(peer_local_description{retry, sdp_type::offer, "relay-offer"});
  EXPECT_EQ(std::get<p::webrtc_offer>(sent(a)[0]).sdp, "relay-offer");
  a = server(p::webrtc_answer{"relay-answer"});
  EXPECT_EQ(first<apply_remote_description>(a)->call_id, retry);
  ev(peer_connection_state{retry, peer_state::connected});
  EXPECT_EQ(s_.current_screen(), screen::in_call);
}

TEST_F(relay_retry_test, a_second_failure_gives_up_on_this_stranger) {
  const auto id = matched_with_turn(p::role::initiator);
  auto a = ev(peer_connection_state{id, peer_state::failed});
  const auto retry = first<create_peer>(a)->call_id;
  a = ev(peer_connection_state{retry, peer_state::failed});
  EXPECT_EQ(sent_count<p::next>(a), 1);
  EXPECT_EQ(s_.current_screen(), screen::searching);
  EXPECT_EQ(s_.notice(), notice_id::stranger_unreachable);
}

TEST_F(relay_retry_test, responder_takes_the_retry_offer_on_a_new_relay_only_connection) {
  const auto id = matched_with_turn(p::role::responder);
  server(p::webrtc_offer{"direct-offer"});
  ev(peer_local_description{id, sdp_type::answer, "direct-answer"});
  // Its own ICE has not failed yet when the initiator's retry offer comes.
  auto a = server(p::webrtc_offer{"relay-offer"});
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  ASSERT_NE(first<create_peer>(a), nullptr);
  const auto retry = first<create_peer>(a)->call_id;
  EXPECT_TRUE(first<create_peer>(a)->relay_only);
  ASSERT_NE(first<apply_remote_description>(a), nullptr);
  EXPECT_EQ(first<apply_remote_description>(a)->call_id, retry);
  EXPECT_EQ(first<apply_remote_description>(a)->sdp, "relay-offer");
  a = ev(peer_local_description{retry, sdp_type::answer, "relay-answer"});
  EXPECT_EQ(sent_count<p::webrtc_answer>(a), 1);
}

TEST_F(relay_retry_test, responder_that_fails_first_waits_for_the_retry_offer) {
  const auto id = matched_with_turn(p::role::responder);
  server(p::webrtc_offer{"direct-offer"});
  ev(peer_local_description{id, sdp_type::answer, "direct-answer"});
  auto a = ev(peer_connection_state{id, peer_state::failed});
  const auto retry = first<create_peer>(a)->call_id;
  EXPECT_TRUE(sent(a).empty());
  a = server(p::webrtc_offer{"relay-offer"});
  EXPECT_EQ(first<create_peer>(a), nullptr);  // already retrying: the offer goes to it
  EXPECT_EQ(first<apply_remote_description>(a)->call_id, retry);
}

TEST_F(relay_retry_test, connect_timeout_also_retries_once) {
  at(1000ms);
  const auto id = matched_with_turn(p::role::initiator);
  auto a = at(21000ms);
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  EXPECT_TRUE(first<create_peer>(a)->relay_only);
  a = at(41000ms);
  EXPECT_EQ(sent_count<p::next>(a), 1);
}

TEST_F(session_test, without_turn_a_failed_call_moves_on_at_once) {
  const auto id = match(p::role::initiator);
  auto a = ev(peer_connection_state{id, peer_state::failed});
  EXPECT_EQ(first<create_peer>(a), nullptr);
  EXPECT_EQ(sent_count<p::next>(a), 1);
}

TEST_F(session_test, privacy_is_fixed_once_searching) {
  search();
  EXPECT_TRUE(ev(ui_set_relay_only{true}).empty());
  EXPECT_FALSE(s_.relay_only());
}

TEST_F(relay_retry_test, a_refused_turn_login_is_reported_once_per_call) {
  const auto id = matched_with_turn(p::role::initiator);
  EXPECT_TRUE(ev(peer_ice_server_error{id, 701}).empty());      // an unreachable server: routine
  EXPECT_TRUE(ev(peer_ice_server_error{id + 1, 401}).empty());  // not this call
  auto a = ev(peer_ice_server_error{id, 401});
  const auto* e = page_event_named(a, "error");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->fields["code"], "relay_auth_failed");
  EXPECT_EQ(first<close_peer>(a), nullptr);                 // a direct path may still work
  EXPECT_TRUE(ev(peer_ice_server_error{id, 401}).empty());  // the UDP and TCP URLs both refuse
  // A new stranger, a new report.
  ev(ui_next{});
  a = server(p::matched{p::role::responder, {}});
  const auto next_id = first<create_peer>(a)->call_id;
  EXPECT_NE(page_event_named(ev(peer_ice_server_error{next_id, 401}), "error"), nullptr);
}

}  // namespace
}  // namespace novatalk::session
