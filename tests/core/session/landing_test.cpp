// Tests of the session's landing screen: video or text mode, the camera preview before Start,
// interests set ahead of Start, choosing devices, and the "no common interests" fallback.
#include <gtest/gtest.h>

#include "tests/core/session/session_fixture.hpp"

namespace novatalk::session {
namespace {

using namespace std::chrono_literals;
using namespace testing_support;
namespace p = protocol;

TEST_F(session_test, page_loaded_lists_devices) {
  auto a = ev(page_loaded{});
  EXPECT_EQ(count<list_devices>(a), 1);
}

TEST_F(session_test, text_mode_never_asks_for_a_camera) {
  open();
  ev(ui_set_mode{p::chat_mode::text});
  EXPECT_EQ(s_.mode(), p::chat_mode::text);
  EXPECT_TRUE(ev(ui_preview{}).empty());  // no self-view in text mode
  auto a = ev(ui_start{std::vector<std::string>{"music"}, std::nullopt});
  EXPECT_EQ(count<request_media>(a), 0);
  ASSERT_EQ(sent_count<p::join>(a), 1);
  EXPECT_EQ(std::get<p::join>(sent(a)[0]).mode, p::chat_mode::text);
  EXPECT_EQ(s_.current_screen(), screen::searching);
  a = server(p::matched{p::role::initiator, {"music"}});
  ASSERT_NE(first<create_peer>(a), nullptr);
  EXPECT_FALSE(first<create_peer>(a)->with_media);
}

TEST_F(session_test, start_can_carry_the_mode) {
  open();
  auto a = ev(ui_start{std::nullopt, p::chat_mode::text});
  EXPECT_EQ(count<request_media>(a), 0);
  EXPECT_EQ(std::get<p::join>(sent(a)[0]).mode, p::chat_mode::text);
}

TEST_F(session_test, video_mode_call_carries_media) {
  const auto id = match(p::role::responder);
  EXPECT_NE(id, 0u);
  EXPECT_EQ(s_.mode(), p::chat_mode::video);
}

TEST_F(session_test, preview_gets_the_camera_once_and_start_uses_it) {
  open();
  auto a = ev(ui_preview{});
  ASSERT_EQ(count<request_media>(a), 1);
  EXPECT_TRUE(ev(ui_preview{}).empty());  // asked every frame: one request
  EXPECT_EQ(s_.current_screen(), screen::idle);
  a = ev(media_granted{true, true});
  EXPECT_TRUE(sent(a).empty());  // a preview does not join
  EXPECT_EQ(count<list_devices>(a), 1);
  EXPECT_EQ(s_.current_screen(), screen::idle);
  EXPECT_TRUE(s_.has_local_video());
  EXPECT_TRUE(ev(ui_preview{}).empty());
  a = ev(ui_start{});
  EXPECT_EQ(count<request_media>(a), 0);
  EXPECT_EQ(sent_count<p::join>(a), 1);
  EXPECT_EQ(s_.current_screen(), screen::searching);
}

TEST_F(session_test, refused_preview_is_not_asked_again_until_start) {
  open();
  ev(ui_preview{});
  auto a = ev(media_denied{"NotAllowedError"});
  EXPECT_EQ(page_event_named(a, "error")->fields["code"], "media_denied");
  EXPECT_EQ(s_.current_screen(), screen::idle);
  EXPECT_TRUE(ev(ui_preview{}).empty());
  a = ev(ui_start{});
  EXPECT_EQ(count<request_media>(a), 1);
  ev(media_denied{"NotAllowedError"});
  EXPECT_EQ(s_.current_screen(), screen::media_blocked);
}

TEST_F(session_test, switching_to_text_releases_the_camera) {
  open();
  ev(ui_preview{});
  ev(media_granted{true, true});
  auto a = ev(ui_set_mode{p::chat_mode::text});
  EXPECT_EQ(count<release_media>(a), 1);
  EXPECT_FALSE(s_.has_local_video());
  EXPECT_EQ(page_event_named(a, "mode")->fields["mode"], "text");
  // And back: the preview may ask again.
  ev(ui_set_mode{p::chat_mode::video});
  EXPECT_EQ(count<request_media>(ev(ui_preview{})), 1);
}

TEST_F(session_test, mode_is_fixed_while_searching) {
  search();
  EXPECT_TRUE(ev(ui_set_mode{p::chat_mode::text}).empty());
  EXPECT_EQ(s_.mode(), p::chat_mode::video);
}

TEST_F(session_test, interests_set_before_start_are_used_by_the_join) {
  open();
  ev(ui_set_interests{{" Music", "music", "Chess"}});
  EXPECT_EQ(s_.interests(), (std::vector<std::string>{"music", "chess"}));
}

TEST_F(session_test, chosen_devices_are_asked_for) {
  open();
  auto listed = ev(devices_listed{{{"cam1", "Front"}, {"cam2", "Back"}}, {{"mic1", "Mic"}}});
  EXPECT_EQ(s_.cameras().size(), 2u);
  EXPECT_EQ(page_event_named(listed, "devices")->fields["cameras"][1]["deviceId"], "cam2");
  EXPECT_TRUE(ev(ui_select_device{track_kind::video, "cam2"}).empty());  // nothing held yet
  EXPECT_EQ(s_.selected_camera(), "cam2");
  auto a = ev(ui_start{});
  ASSERT_NE(first<request_media>(a), nullptr);
  EXPECT_EQ(first<request_media>(a)->camera_id, "cam2");
  EXPECT_EQ(first<request_media>(a)->microphone_id, "");
}

TEST_F(session_test, switching_a_held_device_replaces_the_track) {
  call(p::role::initiator);
  auto a = ev(ui_select_device{track_kind::video, "cam2"});
  ASSERT_NE(first<switch_device>(a), nullptr);
  EXPECT_EQ(first<switch_device>(a)->device_id, "cam2");
  EXPECT_EQ(first<switch_device>(a)->kind, track_kind::video);
  EXPECT_TRUE(ev(ui_select_device{track_kind::video, "cam2"}).empty());  // already chosen
  // The camera was off: the new track must be off too.
  ev(ui_toggle_camera{});
  a = ev(device_switched{track_kind::video, "cam2", true, ""});
  ASSERT_NE(first<set_track_enabled>(a), nullptr);
  EXPECT_FALSE(first<set_track_enabled>(a)->enabled);
  a = ev(device_switched{track_kind::audio, "mic9", false, "NotReadableError"});
  EXPECT_EQ(s_.notice(), notice_id::microphone_failed);
  EXPECT_EQ(page_event_named(a, "device")->fields["ok"], false);
}

TEST_F(session_test, an_unplugged_device_falls_back_to_the_default) {
  open();
  ev(devices_listed{{{"cam1", "Front"}}, {}});
  ev(ui_select_device{track_kind::video, "cam1"});
  ev(devices_listed{{{"cam2", "USB"}}, {}});
  EXPECT_EQ(s_.selected_camera(), "");
}

TEST_F(session_test, no_common_interest_after_the_wait_is_told) {
  open();
  ev(ui_start{std::vector<std::string>{"music"}, std::nullopt});
  ev(media_granted{});
  server(p::matched{p::role::initiator, {}});
  EXPECT_TRUE(s_.common_fell_back());
  ev(ui_next{});
  server(p::matched{p::role::initiator, {"music"}});
  EXPECT_FALSE(s_.common_fell_back());
}

TEST_F(session_test, fresh_ice_servers_are_used_by_the_next_call) {
  search();
  server(p::ice_servers{R"([{"urls":"turn:t:3478","username":"2:x","credential":"c"}])"});
  auto a = server(p::matched{p::role::initiator, {}});
  ASSERT_NE(first<create_peer>(a), nullptr);
  EXPECT_EQ(first<create_peer>(a)->ice_servers_json,
            R"([{"urls":"turn:t:3478","username":"2:x","credential":"c"}])");
}

TEST_F(session_test, without_interests_nothing_fell_back) {
  match(p::role::initiator);
  EXPECT_FALSE(s_.common_fell_back());
}

}  // namespace
}  // namespace novatalk::session
