// SIGTERM drains the server (docs/server.md, "Drain"): it stops accepting, closes every
// WebSocket with 1001 and a retry hint, and exits 0 even when clients never answer the close.
#include <gtest/gtest.h>

#include <string>

#include "tests/server/server_fixture.hpp"

namespace novatalk::server::test {
namespace {

TEST(drain, sigterm_closes_every_socket_with_a_retry_hint_and_exits) {
  server_process s;
  ASSERT_TRUE(s.started());
  const auto port = s.port();
  ws_client a(port), b(port), idle(port);
  ASSERT_TRUE(a.connected() && b.connected() && idle.connected());
  for (auto* c : {&a, &b, &idle}) EXPECT_EQ(c->next()["type"], "welcome");
  ASSERT_TRUE(a.send_json(join_message()));
  ASSERT_TRUE(a.send(R"({"type":"probe"})"));
  EXPECT_EQ(a.next()["code"], "bad_message");
  ASSERT_TRUE(b.send_json(join_message()));
  EXPECT_EQ(a.next()["type"], "matched");
  EXPECT_EQ(b.next()["type"], "matched");

  s.terminate();
  for (auto* c : {&a, &b}) {
    EXPECT_EQ(c->wait_closed(10s), 1001);
    const std::string reason = c->close_reason();
    ASSERT_EQ(reason.rfind("retry:", 0), 0u) << reason;
    EXPECT_GT(std::stoi(reason.substr(6)), 0);
  }
  // `idle` never reads, so never answers the close: the server exits anyway.
  EXPECT_EQ(s.wait_exit(30s), 0);
  EXPECT_NE(s.log().find("event=draining"), std::string::npos);
  // Nobody was told partner_left: the calls go on peer to peer and resume elsewhere.
  EXPECT_EQ(s.log().find("event=partner_left"), std::string::npos) << s.log();
  // Not accepting any more.
  ws_client late(port, 2s);
  EXPECT_FALSE(late.connected());
}

}  // namespace
}  // namespace novatalk::server::test
