// The logging policy: one line per event with ids and codes, and never an address, an SDP, a
// candidate, an interest or any other message content.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

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

}  // namespace
}  // namespace novatalk::server::test
