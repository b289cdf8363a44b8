// The logging policy: one line per event with ids and codes, and never an address, an SDP, a
// candidate, an interest or any other message content.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <string>

#include "server/log.hpp"
#include "tests/server/server_fixture.hpp"

namespace novatalk::server::test {
namespace {

TEST(log, a_whole_call_logs_no_content_and_no_address) {
  server_process server;
  ASSERT_TRUE(server.started()) << server.log();
  const std::string sdp_offer = "v=0 SDP-OFFER-SECRET-7f3a";
  const std::string sdp_answer = "v=0 SDP-ANSWER-SECRET-91bc";
  const std::string cand = "candidate:842163049 1 udp 1677729535 198.51.100.77 61234 typ srflx";
  {
    ws_client a(server.port());
    ws_client b(server.port());
    ASSERT_EQ(a.next()["type"], "welcome");
    ASSERT_EQ(b.next()["type"], "welcome");
    ASSERT_TRUE(a.send_json(join_message({"secretinterest"})));
    ASSERT_TRUE(a.send(R"({"type":"probe-SECRET-TYPE"})"));
    ASSERT_EQ(a.next()["type"], "error");
    ASSERT_TRUE(b.send_json(join_message({"secretinterest"})));
    ASSERT_EQ(a.next()["type"], "matched");
    ASSERT_EQ(b.next()["type"], "matched");
    ASSERT_TRUE(a.send_json({{"type", "webrtc_offer"}, {"sdp", sdp_offer}}));
    ASSERT_EQ(b.next()["sdp"], sdp_offer);
    ASSERT_TRUE(b.send_json({{"type", "webrtc_answer"}, {"sdp", sdp_answer}}));
    ASSERT_EQ(a.next()["sdp"], sdp_answer);
    ASSERT_TRUE(a.send_json(
        {{"type", "webrtc_ice_candidate"}, {"candidate", {{"candidate", cand}, {"sdpMid", "0"}}}}));
    ASSERT_EQ(b.next()["type"], "webrtc_ice_candidate");
    ASSERT_TRUE(b.send(R"({"type":"webrtc_offer","sdp":)" + std::string("{\"x\":\"") +
                       "BROKEN-SECRET\"}"));  // malformed
    ASSERT_EQ(b.next()["code"], "bad_message");
    a.close();
    ASSERT_EQ(b.next()["reason"], "disconnect");
  }
  ASSERT_TRUE(server.wait_for_log("event=disconnected id=2"));
  EXPECT_EQ(server.stop(), 0);
  const std::string log = server.log();

  for (const std::string& secret :
       {sdp_offer, sdp_answer, std::string("SDP-OFFER"), std::string("SDP-ANSWER"), cand,
        std::string("198.51.100.77"), std::string("candidate:"), std::string("secretinterest"),
        std::string("SECRET"), std::string("127.0.0.1")})
    EXPECT_EQ(log.find(secret), std::string::npos) << secret << " in:\n" << log;

  // What it does log: events by id.
  for (const char* line :
       {"event=listening port=", "event=connected id=1 online=1",
        "event=join id=1 mode=video interests=1", "event=matched a=1 b=2 common=1",
        "event=client_error id=1 code=bad_message", "event=partner_left to=2 reason=disconnect",
        "event=disconnected id=1", "event=stopping signal=15", "event=stopped"})
    EXPECT_NE(log.find(line), std::string::npos) << line << " not in:\n" << log;

  // Every line: an ISO-8601 UTC timestamp with milliseconds, then event=.
  const std::regex shape(
      R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z event=[a-z_]+( [a-z_]+=([^ "]+|"[^"]*"))*$)");
  std::istringstream lines(log);
  for (std::string l; std::getline(lines, l);) EXPECT_TRUE(std::regex_match(l, shape)) << l;
}

// Buffered writing (log_defer_to): lines wait for the flush the server schedules (once per
// batch), in order, and nothing is lost when deferral ends.
TEST(log, lines_wait_for_the_scheduled_flush_and_keep_their_order) {
  int scheduled = 0;
  log_defer_to([&scheduled] { ++scheduled; });
  testing::internal::CaptureStderr();
  log_line("buffered_one").add("id", 1);
  log_line("buffered_two").add("id", 2);
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(scheduled, 1);  // one flush for the batch

  testing::internal::CaptureStderr();
  log_flush();
  log_line("buffered_three");
  EXPECT_EQ(scheduled, 2);  // a new batch after the flush
  log_defer_to({});         // writes what is left; from now on every line at once
  log_line("direct");
  const std::string out = testing::internal::GetCapturedStderr();
  std::size_t previous = 0;  // each line after the one before it
  for (const char* line : {"event=buffered_one id=1\n", "event=buffered_two id=2\n",
                           "event=buffered_three\n", "event=direct\n"}) {
    const auto at = out.find(line, previous);
    ASSERT_NE(at, std::string::npos) << line << "not in order in:\n" << out;
    previous = at;
  }
  EXPECT_EQ(scheduled, 2);
}

// The buffer is bounded: past log_buffer_bytes the lines go out without waiting for the flush.
TEST(log, a_full_buffer_is_written_without_waiting_for_the_flush) {
  log_defer_to([] {});  // a flush that never comes
  testing::internal::CaptureStderr();
  // Each line is over 40 bytes (a 24-byte timestamp, then " event=filler n=1\n").
  for (std::size_t logged = 0; logged <= log_buffer_bytes; logged += 40)
    log_line("filler").add("n", 1);
  const std::string out = testing::internal::GetCapturedStderr();
  log_defer_to({});
  EXPECT_GE(out.size(), log_buffer_bytes);
}

}  // namespace
}  // namespace novatalk::server::test
