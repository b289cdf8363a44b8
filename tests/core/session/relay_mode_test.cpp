// Tests of "Hide my IP": relay-only peer connections, and the refusal to search when the server
// offers no TURN relay (said before searching, never discovered as a failed call).
#include <gtest/gtest.h>

#include "tests/core/session/session_fixture.hpp"

namespace novatalk::session {
namespace {

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
  EXPECT_FALSE(s_.notice().empty());
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

TEST_F(session_test, privacy_is_fixed_once_searching) {
  search();
  EXPECT_TRUE(ev(ui_set_relay_only{true}).empty());
  EXPECT_FALSE(s_.relay_only());
}

}  // namespace
}  // namespace novatalk::session
