// Tests of core/embed/page_channel: where events go (top level, allowed and refused parents),
// which commands run, and that nothing is lost or leaked before config.json is known.
#include "core/embed/page_channel.hpp"

#include <gtest/gtest.h>

#include <string>

namespace novatalk::embed {
namespace {

const std::string app = "http://127.0.0.1:8080";
const std::string partner = "http://127.0.0.1:8081";
const std::string stranger = "http://localhost:8081";

page_context framed_by(std::string parent) { return {app, true, std::move(parent)}; }
incoming_command from(std::string origin, bool expected_window = true) {
  return {std::move(origin), expected_window, R"({"target":"novatalk","cmd":"start"})"};
}

TEST(page_channel, top_level_posts_to_itself_and_takes_its_own_commands) {
  page_channel ch({app, false, ""});
  auto r = ch.configure({});
  EXPECT_TRUE(r.notices.empty());
  EXPECT_EQ(ch.target(), event_target::self);
  EXPECT_TRUE(ch.send(R"({"event":"ready"})").has_value());
  EXPECT_TRUE(ch.receive(from(app)).has_value());
  EXPECT_FALSE(ch.receive(from(app, false)).has_value());  // e.g. from an opener or a child
  EXPECT_FALSE(ch.receive(from(partner, false)).has_value());
}

TEST(page_channel, same_origin_parent_is_allowed_by_default) {
  page_channel ch(framed_by(app));
  ch.configure({});
  EXPECT_EQ(ch.target(), event_target::parent);
  EXPECT_EQ(ch.parent_origin(), app);
  EXPECT_TRUE(ch.receive(from(app)).has_value());
}

TEST(page_channel, listed_parent_gets_events_at_its_exact_origin) {
  page_channel ch(framed_by(partner));
  auto r = ch.configure({partner});
  EXPECT_TRUE(r.notices.empty());
  EXPECT_EQ(ch.target(), event_target::parent);
  EXPECT_EQ(ch.parent_origin(), partner);
  EXPECT_TRUE(ch.send("{}").has_value());
  EXPECT_TRUE(ch.receive(from(partner)).has_value());
}

TEST(page_channel, commands_need_the_parent_window_and_an_allowed_origin) {
  page_channel ch(framed_by(partner));
  ch.configure({partner});
  EXPECT_FALSE(ch.receive(from(stranger)).has_value());
  EXPECT_FALSE(ch.receive(from(partner, false)).has_value());  // a sibling frame of the partner
  EXPECT_FALSE(ch.receive(from("null")).has_value());
  EXPECT_FALSE(ch.receive(from("")).has_value());
}

TEST(page_channel, unlisted_parent_gets_nothing_and_the_console_says_why_once) {
  page_channel ch(framed_by(stranger));
  auto r = ch.configure({partner});
  EXPECT_EQ(ch.target(), event_target::none);
  ASSERT_EQ(r.notices.size(), 1u);
  EXPECT_NE(r.notices[0].find("allowedParents"), std::string::npos);
  EXPECT_NE(r.notices[0].find(stranger), std::string::npos);
  EXPECT_FALSE(ch.send("{}").has_value());
  EXPECT_FALSE(ch.receive(from(stranger)).has_value());
  EXPECT_TRUE(ch.configure({stranger}).notices.empty());  // only the first configure counts
  EXPECT_EQ(ch.target(), event_target::none);
}

TEST(page_channel, unknown_or_opaque_parent_gets_nothing) {
  page_channel unknown(framed_by(""));
  EXPECT_EQ(unknown.configure({partner}).notices.size(), 1u);
  EXPECT_EQ(unknown.target(), event_target::none);
  page_channel opaque(framed_by("null"));
  opaque.configure({partner});
  EXPECT_EQ(opaque.target(), event_target::none);
}

TEST(page_channel, a_commanding_allowed_origin_cannot_unlock_events_for_another_parent) {
  // Framed by a stranger's page, with the partner's page elsewhere in the tab.
  page_channel ch(framed_by(stranger));
  ch.configure({partner});
  EXPECT_FALSE(ch.receive(from(partner, false)).has_value());
  EXPECT_FALSE(ch.send("{}").has_value());
}

TEST(page_channel, before_config_everything_is_held_then_sorted) {
  page_channel ch(framed_by(partner));
  EXPECT_FALSE(ch.send(R"({"event":"ready"})").has_value());
  EXPECT_FALSE(ch.receive({partner, true, "first"}).has_value());
  EXPECT_FALSE(ch.receive({stranger, true, "evil"}).has_value());
  EXPECT_FALSE(ch.receive({partner, false, "sibling"}).has_value());
  EXPECT_FALSE(ch.receive({partner, true, "second"}).has_value());
  auto r = ch.configure({partner});
  EXPECT_EQ(r.commands, (std::vector<std::string>{"first", "second"}));
  EXPECT_EQ(r.events, (std::vector<std::string>{R"({"event":"ready"})"}));
  // Nothing is released twice.
  EXPECT_TRUE(ch.configure({partner}).commands.empty());
}

TEST(page_channel, held_events_are_dropped_when_the_parent_is_not_allowed) {
  page_channel ch(framed_by(stranger));
  ch.send(R"({"event":"ready"})");
  ch.receive({stranger, true, "evil"});
  auto r = ch.configure({});
  EXPECT_TRUE(r.events.empty());
  EXPECT_TRUE(r.commands.empty());
}

TEST(page_channel, the_hold_is_bounded) {
  page_channel ch(framed_by(partner));
  for (std::size_t i = 0; i < max_held_commands + 10; ++i) {
    ch.receive({partner, true, std::to_string(i)});
  }
  for (std::size_t i = 0; i < max_held_events + 10; ++i) ch.send(std::to_string(i));
  auto r = ch.configure({partner});
  ASSERT_EQ(r.commands.size(), max_held_commands);
  EXPECT_EQ(r.commands.front(), "0");  // the earliest are kept: a start before a flood counts
  EXPECT_EQ(r.events.size(), max_held_events);
}

TEST(page_channel, bad_config_entries_become_notices) {
  page_channel ch(framed_by(partner));
  auto r = ch.configure({"*", partner});
  ASSERT_EQ(r.notices.size(), 1u);
  EXPECT_NE(r.notices[0].find("allowedParents[0]"), std::string::npos);
  EXPECT_EQ(ch.target(), event_target::parent);
}

}  // namespace
}  // namespace novatalk::embed
