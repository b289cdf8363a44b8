// Tests of core/session/page_command: every command an embedding page may post, and the
// malformed ones, which become error values (never a crash, never a silent no-op).
#include "core/session/page_command.hpp"

#include <gtest/gtest.h>

#include <string>

namespace novatalk::session {
namespace {

namespace p = protocol;

template <class T>
T parse_as(const std::string& text) {
  auto r = parse_page_command(text);
  EXPECT_TRUE(r.ok()) << text;
  if (!r.ok()) return T{};
  const T* e = std::get_if<T>(&r.value());
  EXPECT_NE(e, nullptr) << text;
  return e ? *e : T{};
}

std::string error_of(const std::string& text) {
  auto r = parse_page_command(text);
  EXPECT_FALSE(r.ok()) << text;
  return r.ok() ? "" : r.error().message;
}

TEST(page_command, simple_commands) {
  parse_as<ui_next>(R"({"target":"novatalk","cmd":"next"})");
  parse_as<ui_stop>(R"({"target":"novatalk","cmd":"stop"})");
  parse_as<ui_toggle_mic>(R"({"cmd":"toggle_mic"})");
  parse_as<ui_toggle_camera>(R"({"cmd":"toggle_camera"})");
  parse_as<ui_chat_typing>(R"({"cmd":"typing"})");
}

TEST(page_command, start_keeps_interests_unless_given) {
  auto s = parse_as<ui_start>(R"({"target":"novatalk","cmd":"start"})");
  EXPECT_FALSE(s.interests.has_value());
  EXPECT_FALSE(s.mode.has_value());
  s = parse_as<ui_start>(R"({"cmd":"start","interests":["Music","chess"],"mode":"text"})");
  EXPECT_EQ(*s.interests, (std::vector<std::string>{"Music", "chess"}));
  EXPECT_EQ(*s.mode, p::chat_mode::text);
  s = parse_as<ui_start>(R"({"cmd":"start","interests":"music, chess"})");
  EXPECT_EQ(*s.interests, (std::vector<std::string>{"music", " chess"}));
}

TEST(page_command, send_chat_carries_the_text_unchanged) {
  // The session sanitises; the parser only checks the type.
  auto c = parse_as<ui_send_chat>(R"({"cmd":"send_chat","text":"héllo \u0007"})");
  EXPECT_EQ(c.text, "h\xc3\xa9llo \x07");
  EXPECT_EQ(error_of(R"({"cmd":"send_chat"})"), "send_chat needs a text string");
  EXPECT_EQ(error_of(R"({"cmd":"send_chat","text":5})"), "send_chat needs a text string");
}

TEST(page_command, set_interests_and_mode_and_report) {
  auto i = parse_as<ui_set_interests>(R"({"cmd":"set_interests","interests":["a","b"]})");
  EXPECT_EQ(i.interests.size(), 2u);
  EXPECT_FALSE(parse_page_command(R"({"cmd":"set_interests","interests":[1]})").ok());
  EXPECT_FALSE(parse_page_command(R"({"cmd":"set_interests"})").ok());
  EXPECT_EQ(parse_as<ui_set_mode>(R"({"cmd":"set_mode","mode":"text"})").mode,
            p::chat_mode::text);
  EXPECT_FALSE(parse_page_command(R"({"cmd":"set_mode","mode":"audio"})").ok());
  EXPECT_FALSE(parse_page_command(R"({"cmd":"start","mode":"audio"})").ok());
  EXPECT_EQ(parse_as<ui_report>(R"({"cmd":"report","reason":"spam"})").reason, "spam");
  EXPECT_TRUE(parse_as<ui_set_relay_only>(R"({"cmd":"set_privacy","relay":true})").relay_only);
  EXPECT_FALSE(parse_page_command(R"({"cmd":"set_privacy","relay":"yes"})").ok());
  auto d = parse_as<ui_select_device>(R"({"cmd":"select_device","kind":"video","deviceId":"x1"})");
  EXPECT_EQ(d.kind, track_kind::video);
  EXPECT_EQ(d.device_id, "x1");
  EXPECT_FALSE(parse_page_command(R"({"cmd":"select_device","kind":"screen","deviceId":"x"})").ok());
  EXPECT_FALSE(parse_page_command(R"({"cmd":"select_device","kind":"audio"})").ok());
  EXPECT_FALSE(parse_page_command(R"({"cmd":"report"})").ok());
}

TEST(page_command, malformed_commands_are_errors) {
  EXPECT_EQ(error_of("not json"), "command is not a JSON object");
  EXPECT_EQ(error_of("[1,2]"), "command is not a JSON object");
  EXPECT_EQ(error_of(R"({"target":"novatalk"})"), "cmd missing");
  EXPECT_EQ(error_of(R"({"cmd":7})"), "cmd missing");
  EXPECT_EQ(error_of(R"({"cmd":"format_disk"})"), "unknown cmd");
  EXPECT_EQ(error_of(std::string(max_page_command_bytes + 1, ' ')), "command too large");
}

}  // namespace
}  // namespace novatalk::session
