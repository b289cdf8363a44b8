// Tests of the session's data-channel side of a call: text chat (sanitised both ways, never
// through the server), the typing indicator, the stranger's camera/mic state, the transcript's
// life, the quality badge from stats, and reports.
#include <gtest/gtest.h>

#include "core/chat/chat_text.hpp"
#include "core/chat/peer_message.hpp"
#include "tests/core/session/session_fixture.hpp"

namespace novatalk::session {
namespace {

using namespace std::chrono_literals;
using namespace testing_support;
namespace p = protocol;

std::vector<chat::peer_message> peer_sent(const actions& a) {
  std::vector<chat::peer_message> v;
  for (const auto& x : a) {
    if (const auto* m = std::get_if<send_peer_message>(&x)) {
      auto d = chat::decode_peer_message(m->text);
      EXPECT_TRUE(d.ok()) << m->text;
      if (d) v.push_back(d.value());
    }
  }
  return v;
}

class chat_test : public session_test {
 protected:
  // A connected call whose data channel is open.
  std::uint64_t chat_call(p::role r = p::role::initiator) {
    const auto id = call(r);
    ev(peer_channel_open{id});
    return id;
  }
  actions from_stranger(std::uint64_t id, const chat::peer_message& m) {
    return ev(peer_channel_message{id, chat::encode_peer_message(m)});
  }
};

TEST_F(chat_test, chat_goes_over_the_data_channel_only) {
  const auto id = call(p::role::initiator);
  EXPECT_FALSE(s_.chat_ready());
  EXPECT_TRUE(ev(ui_send_chat{"too early"}).empty());  // no channel yet: nothing sent
  auto a = ev(peer_channel_open{id});
  EXPECT_TRUE(s_.chat_ready());
  EXPECT_NE(page_event_named(a, "chat_ready"), nullptr);
  // Our camera state goes first, so the stranger knows before any frame arrives.
  auto first_msgs = peer_sent(a);
  ASSERT_EQ(first_msgs.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<chat::media_state_message>(first_msgs[0]));

  a = ev(ui_send_chat{"  hello\x07 there  "});
  EXPECT_TRUE(sent(a).empty());  // nothing to the server
  auto msgs = peer_sent(a);
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_EQ(std::get<chat::chat_message>(msgs[0]).text, "hello there");
  ASSERT_EQ(s_.transcript().size(), 1u);
  EXPECT_EQ(s_.transcript()[0].from, chat_from::me);
  EXPECT_EQ(s_.transcript()[0].text, "hello there");
  EXPECT_EQ(page_event_named(a, "chat")->fields["from"], "me");
  EXPECT_EQ(page_event_named(a, "chat")->fields["text"], "hello there");
}

TEST_F(chat_test, empty_or_blank_chat_is_not_sent) {
  chat_call();
  EXPECT_TRUE(ev(ui_send_chat{"   \n\t "}).empty());
  EXPECT_TRUE(ev(ui_send_chat{"\x01\x02"}).empty());
  EXPECT_TRUE(s_.transcript().empty());
}

TEST_F(chat_test, long_chat_is_capped) {
  chat_call();
  auto a = ev(ui_send_chat{std::string(5000, 'x')});
  auto msgs = peer_sent(a);
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_EQ(std::get<chat::chat_message>(msgs[0]).text.size(), chat::kMaxChatCodePoints);
}

TEST_F(chat_test, stranger_text_is_sanitised_on_arrival) {
  const auto id = chat_call();
  // A hostile stranger skips its own sanitiser: the raw frame still gets cleaned here.
  auto a = ev(peer_channel_message{id, "{\"type\":\"chat\",\"text\":\"\\u202Eevil\\u0007 %s%n\"}"});
  ASSERT_EQ(s_.transcript().size(), 1u);
  EXPECT_EQ(s_.transcript()[0].from, chat_from::stranger);
  EXPECT_EQ(s_.transcript()[0].text, "evil %s%n");
  EXPECT_EQ(page_event_named(a, "chat")->fields["from"], "stranger");
  // Garbage and unknown types are ignored, not shown, not fatal.
  EXPECT_TRUE(ev(peer_channel_message{id, "not json"}).empty());
  EXPECT_TRUE(ev(peer_channel_message{id, "{\"type\":\"future\"}"}).empty());
  EXPECT_TRUE(ev(peer_channel_message{id, std::string(20000, '{')}).empty());
  EXPECT_EQ(s_.transcript().size(), 1u);
  EXPECT_EQ(s_.current_screen(), screen::in_call);
}

TEST_F(chat_test, messages_of_an_old_call_are_dropped) {
  const auto old_id = chat_call();
  ev(ui_next{});
  server(p::matched{p::role::initiator, {}});
  EXPECT_TRUE(from_stranger(old_id, chat::chat_message{"late"}).empty());
  EXPECT_TRUE(s_.transcript().empty());
}

TEST_F(chat_test, transcript_stays_until_the_next_stranger) {
  const auto id = chat_call();
  from_stranger(id, chat::chat_message{"bye"});
  server(p::partner_left{p::leave_reason::next});
  EXPECT_EQ(s_.transcript().size(), 1u);  // still readable under "Stranger has left"
  EXPECT_FALSE(s_.chat_ready());
  EXPECT_TRUE(ev(ui_send_chat{"anyone?"}).empty());
  server(p::matched{p::role::responder, {}});
  EXPECT_TRUE(s_.transcript().empty());
}

TEST_F(chat_test, typing_is_sent_throttled_and_stopped) {
  at(1000ms);
  chat_call();
  auto a = ev(ui_chat_typing{});
  auto msgs = peer_sent(a);
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_TRUE(std::get<chat::typing_message>(msgs[0]).active);
  at(1500ms);
  EXPECT_TRUE(peer_sent(ev(ui_chat_typing{})).empty());  // throttled
  // Three seconds after the last edit: stop.
  EXPECT_TRUE(peer_sent(at(4000ms)).empty());
  msgs = peer_sent(at(4500ms));
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_FALSE(std::get<chat::typing_message>(msgs[0]).active);
}

TEST_F(chat_test, stranger_typing_shows_and_expires) {
  at(1000ms);
  const auto id = chat_call();
  auto a = from_stranger(id, chat::typing_message{true});
  EXPECT_TRUE(s_.stranger_typing());
  EXPECT_EQ(page_event_named(a, "typing")->fields["active"], true);
  // The message ends it at once.
  a = from_stranger(id, chat::chat_message{"hi"});
  EXPECT_FALSE(s_.stranger_typing());
  EXPECT_EQ(page_event_named(a, "typing")->fields["active"], false);
  // A lost stop: the indicator goes by itself.
  from_stranger(id, chat::typing_message{true});
  EXPECT_TRUE(s_.stranger_typing());
  a = at(8000ms);
  EXPECT_FALSE(s_.stranger_typing());
  EXPECT_EQ(page_event_named(a, "typing")->fields["active"], false);
}

TEST_F(chat_test, camera_and_mic_state_cross_to_the_stranger) {
  const auto id = chat_call();
  auto msgs = peer_sent(ev(ui_toggle_camera{}));
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_FALSE(std::get<chat::media_state_message>(msgs[0]).camera_on);
  EXPECT_TRUE(std::get<chat::media_state_message>(msgs[0]).mic_on);
  auto a = from_stranger(id, chat::media_state_message{false, false});
  EXPECT_TRUE(s_.stranger_camera_off());
  EXPECT_TRUE(s_.stranger_mic_off());
  EXPECT_EQ(page_event_named(a, "partner_media")->fields["camera"], false);
  // A new stranger starts with camera on.
  ev(ui_next{});
  EXPECT_FALSE(s_.stranger_camera_off());
}

TEST_F(chat_test, without_a_camera_the_stranger_is_told_it_is_off) {
  open();
  ev(ui_start{});
  ev(media_granted{true, false});
  auto a = server(p::matched{p::role::initiator, {}});
  const auto id = first<create_peer>(a)->call_id;
  auto msgs = peer_sent(ev(peer_channel_open{id}));
  ASSERT_EQ(msgs.size(), 1u);
  EXPECT_FALSE(std::get<chat::media_state_message>(msgs[0]).camera_on);
}

TEST_F(chat_test, text_mode_chats_without_media_state) {
  open();
  ev(ui_start{std::nullopt, p::chat_mode::text});
  auto a = server(p::matched{p::role::responder, {}});
  const auto id = first<create_peer>(a)->call_id;
  EXPECT_TRUE(peer_sent(ev(peer_channel_open{id})).empty());
  EXPECT_EQ(peer_sent(ev(ui_send_chat{"hi"})).size(), 1u);
}

TEST_F(chat_test, stats_give_a_quality_badge) {
  const auto id = call(p::role::initiator);
  EXPECT_EQ(s_.quality().level, quality::quality_level::unknown);
  call_stats st;
  st.rtt_ms = 40;
  st.packets_received = 100;
  st.packets_lost = 0;
  st.available_outgoing_bitrate = 1'500'000;
  st.candidate_type = "host";
  st.remote_candidate_type = "host";
  actions a;
  for (int i = 0; i < 3; ++i) {
    st.packets_received += 100;
    a = ev(peer_stats{id, st});
  }
  EXPECT_EQ(s_.quality().level, quality::quality_level::good);
  EXPECT_FALSE(s_.quality().relayed);
  const auto* e = page_event_named(a, "stats");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->fields["quality"], "good");
  EXPECT_EQ(e->fields["relayed"], false);
  EXPECT_EQ(e->fields["bitrateKbps"], 1500.0);
  EXPECT_EQ(e->fields["candidateType"], "host");
  // A relayed pair on either end is "relayed"; long round trips make the badge bad.
  st.remote_candidate_type = "relay";
  st.rtt_ms = 900;
  for (int i = 0; i < 3; ++i) {
    st.packets_received += 100;
    ev(peer_stats{id, st});
  }
  EXPECT_TRUE(s_.quality().relayed);
  EXPECT_EQ(s_.quality().level, quality::quality_level::bad);
  // A new stranger starts unknown.
  ev(ui_next{});
  EXPECT_EQ(s_.quality().level, quality::quality_level::unknown);
}

TEST_F(chat_test, report_ends_the_call_and_searches_again) {
  const auto id = chat_call();
  auto a = ev(ui_report{"harassment"});
  ASSERT_EQ(sent_count<p::report>(a), 1);
  EXPECT_EQ(std::get<p::report>(sent(a)[0]).reason, p::report_reason::harassment);
  EXPECT_EQ(sent_count<p::next>(a), 0);  // the server re-queues us itself
  EXPECT_EQ(first<close_peer>(a)->call_id, id);
  EXPECT_EQ(s_.current_screen(), screen::searching);
  EXPECT_EQ(page_event_named(a, "reported")->fields["reason"], "harassment");
  EXPECT_NE(page_event_named(a, "searching"), nullptr);
  EXPECT_EQ(s_.notice(), notice_id::reported);
}

TEST_F(chat_test, report_with_an_unknown_reason_is_refused) {
  chat_call();
  auto a = ev(ui_report{"boring"});
  EXPECT_TRUE(sent(a).empty());
  EXPECT_EQ(page_event_named(a, "error")->fields["code"], "bad_command");
  EXPECT_EQ(s_.current_screen(), screen::in_call);
}

TEST_F(chat_test, report_outside_a_call_does_nothing) {
  search();
  EXPECT_TRUE(ev(ui_report{"spam"}).empty());
}

}  // namespace
}  // namespace novatalk::session
