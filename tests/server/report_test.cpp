// Reports end to end: a report ends the call like `next`, the two are never paired again while
// both are connected, errors leave the connection usable, and the log counts distinct reporters.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "tests/server/server_fixture.hpp"

namespace novatalk::server::test {
namespace {

json report_message(const std::string& reason) { return {{"type", "report"}, {"reason", reason}}; }

class report_test : public server_test {
 protected:
  // The reports and skips here follow each other at once: the skip limit is not their subject
  // (websocket_session_limits_test has it).
  std::vector<std::string> args() override { return {"--next-interval-ms", "0"}; }
  // `from` reports its stranger `to`, who is told exactly what a skip tells it.
  static void report_stranger(ws_client& from, ws_client& to, const std::string& reason) {
    ASSERT_TRUE(from.send_json(report_message(reason)));
    EXPECT_EQ(to.next(), json({{"type", "partner_left"}, {"reason", "next"}}));
  }

  // The `event=report` lines of the log so far.
  std::vector<std::string> report_lines() {
    std::vector<std::string> out;
    std::istringstream lines(server().log());
    for (std::string l; std::getline(lines, l);)
      if (l.find(" event=report ") != std::string::npos) out.push_back(l);
    return out;
  }
};

TEST_F(report_test, report_ends_the_call_and_the_two_are_never_paired_again) {
  auto a = connect();
  auto b = connect();
  join_and_wait(a, {"music"}, "text");
  ASSERT_TRUE(b.send_json(join_message({"music"}, "text")));
  ASSERT_EQ(a.next()["type"], "matched");
  ASSERT_EQ(b.next()["type"], "matched");

  report_stranger(a, b, "harassment");  // b cannot tell it from a skip
  expect_nothing_pending(a);            // a searches again at once, alone
  EXPECT_TRUE(server().wait_for_log("event=report id=2 by=1 reason=harassment reports=1"))
      << server().log();

  // b searches again (as its client does by itself). a is the only one waiting, with a common
  // interest: after a mere `next` they would meet again now; after a report they never do.
  join_and_wait(b, {"music"}, "text");
  expect_nothing_pending(a);

  // A third client is paired with one of them: a, who waited longest, with the interests and
  // the mode a had before the report.
  auto c = connect();
  ASSERT_TRUE(c.send_json(join_message({"music"}, "text")));
  auto ma = a.next();
  auto mc = c.next();
  EXPECT_EQ(ma["type"], "matched");
  EXPECT_EQ(ma["role"], "initiator");
  EXPECT_EQ(ma["common"], json::array({"music"}));
  EXPECT_EQ(mc["type"], "matched");
  EXPECT_EQ(mc["role"], "responder");
  expect_nothing_pending(b);

  // b is not stuck: the next one takes it.
  auto d = connect();
  ASSERT_TRUE(d.send_json(join_message({}, "text")));
  EXPECT_EQ(b.next()["type"], "matched");
  EXPECT_EQ(d.next()["type"], "matched");
}

TEST_F(report_test, the_reported_one_cannot_meet_the_reporter_by_skipping_either) {
  auto a = connect();
  auto b = connect();
  pair(a, b);
  report_stranger(b, a, "spam");  // the responder reports
  join_and_wait(a);
  // a and b are the only two; each `next` re-queues them, and still they never meet.
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(a.send_json({{"type", "next"}}));
    expect_nothing_pending(a);
    ASSERT_TRUE(b.send_json({{"type", "next"}}));
    expect_nothing_pending(b);
  }
  expect_nothing_pending(a);
}

TEST_F(report_test, report_while_not_in_a_call_is_not_matched) {
  auto a = connect();
  ASSERT_TRUE(a.send_json(report_message("spam")));  // idle
  auto e = a.next();
  EXPECT_EQ(e["type"], "error");
  EXPECT_EQ(e["code"], "not_matched");
  join_and_wait(a);
  ASSERT_TRUE(a.send_json(report_message("spam")));  // waiting
  EXPECT_EQ(a.next()["code"], "not_matched");

  // The connection stays usable: a is paired, reports, and cannot report again.
  auto b = connect();
  ASSERT_TRUE(b.send_json(join_message()));
  EXPECT_EQ(a.next()["type"], "matched");
  EXPECT_EQ(b.next()["type"], "matched");
  report_stranger(a, b, "other");
  ASSERT_TRUE(a.send_json(report_message("other")));
  EXPECT_EQ(a.next()["code"], "not_matched");
  ASSERT_TRUE(b.send_json(report_message("other")));  // reporting back: no call any more
  EXPECT_EQ(b.next()["code"], "not_matched");
  ASSERT_TRUE(server().wait_for_log("event=client_error id=2 code=not_matched type=report"));
  EXPECT_EQ(report_lines().size(), 1u) << server().log();
}

TEST_F(report_test, a_bad_reason_is_bad_message_and_the_call_goes_on) {
  auto a = connect();
  auto b = connect();
  pair(a, b);
  for (const char* bad :
       {R"({"type":"report"})", R"({"type":"report","reason":"rude"})",
        R"({"type":"report","reason":"SPAM"})", R"({"type":"report","reason":3})",
        R"({"type":"report","reason":null})", R"({"type":"report","reason":["spam"]})"}) {
    ASSERT_TRUE(a.send(bad));
    auto e = a.next();
    EXPECT_EQ(e["type"], "error") << bad;
    EXPECT_EQ(e["code"], "bad_message") << bad;
    EXPECT_EQ(e["message"].get<std::string>().find("rude"), std::string::npos);
  }
  expect_nothing_pending(b);
  // Still in the call.
  ASSERT_TRUE(a.send_json({{"type", "webrtc_offer"}, {"sdp", "v=0"}}));
  EXPECT_EQ(b.next()["type"], "webrtc_offer");
  report_stranger(a, b, "nudity");
  ASSERT_TRUE(server().wait_for_log("event=report id=2 by=1 reason=nudity reports=1"));
  EXPECT_EQ(report_lines().size(), 1u) << server().log();
}

TEST_F(report_test, the_log_counts_distinct_reporters_by_id_only) {
  auto a = connect();
  auto b = connect();
  auto c = connect();
  pair(a, b);
  report_stranger(a, b, "spam");
  ASSERT_TRUE(a.send_json({{"type", "leave"}}));     // a stops searching
  ASSERT_TRUE(a.send_json(report_message("spam")));  // and cannot report b a second time
  EXPECT_EQ(a.next()["code"], "not_matched");

  pair(b, c);
  report_stranger(c, b, "underage");
  ASSERT_TRUE(server().wait_for_log("event=report id=2 by=3 reason=underage reports=2"))
      << server().log();

  // c, searching again after its report, meets a: a reports c, c's first reporter.
  ASSERT_TRUE(a.send_json(join_message()));
  EXPECT_EQ(a.next()["type"], "matched");
  EXPECT_EQ(c.next()["type"], "matched");
  report_stranger(a, c, "other");
  ASSERT_TRUE(server().wait_for_log("event=report id=3 by=1 reason=other reports=1"));

  const auto lines = report_lines();
  ASSERT_EQ(lines.size(), 3u) << server().log();
  EXPECT_NE(lines[0].find("event=report id=2 by=1 reason=spam reports=1"), std::string::npos);
  const std::regex shape(R"(^\S+ event=report id=\d+ by=\d+ reason=[a-z]+ reports=\d+$)");
  for (const auto& l : lines) EXPECT_TRUE(std::regex_match(l, shape)) << l;
  EXPECT_EQ(server().log().find("127.0.0.1"), std::string::npos);
}

}  // namespace
}  // namespace novatalk::server::test
