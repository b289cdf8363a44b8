// Tests of http_session's Origin check on the WebSocket upgrade (--allowed-origins), through the
// real binary: allowed origins get the WebSocket, every other one a plain 403 before the upgrade.
#include <gtest/gtest.h>

#include "tests/server/server_process.hpp"
#include "tests/server/ws_client.hpp"

namespace novatalk::server::test {
namespace {

const char* const allowed = "https://novatalk.example,http://127.0.0.1:8080";

TEST(http_session_origin, allowed_origins_get_the_websocket) {
  server_process server({"--allowed-origins", allowed});
  ASSERT_TRUE(server.started()) << server.log();
  for (const char* origin : {"https://novatalk.example", "http://127.0.0.1:8080"}) {
    ws_client c(server.port(), 5s, std::string(origin));
    EXPECT_TRUE(c.connected()) << origin;
    EXPECT_EQ(c.handshake_status(), 101) << origin;
    EXPECT_EQ(c.next()["type"], "welcome") << origin;
  }
}

TEST(http_session_origin, other_origins_get_403_before_the_upgrade) {
  server_process server({"--allowed-origins", allowed});
  ASSERT_TRUE(server.started()) << server.log();
  const std::optional<std::string> refused[] = {
      std::nullopt,  // no Origin header at all
      "null",        // sandboxed iframes, file: pages
      "https://novatalk.example.evil.com",
      "https://evil.example",
      "http://novatalk.example",
      "https://novatalk.example:8443",
      "http://127.0.0.1:8081",
      "HTTPS://NOVATALK.EXAMPLE",
  };
  for (const auto& origin : refused) {
    const std::string name = origin.value_or("(none)");
    ws_client c(server.port(), 5s, origin);
    EXPECT_FALSE(c.connected()) << name;
    EXPECT_EQ(c.handshake_status(), 403) << name;
  }
  // Nobody got in: the log has no connection, and the refusals without the malformed values.
  EXPECT_EQ(server.stop(), 0);  // the whole log is in after the exit
  const auto log = server.log();
  EXPECT_EQ(log.find("event=connected"), std::string::npos) << log;
  EXPECT_NE(log.find("event=ws_refused reason=origin origin=none"), std::string::npos) << log;
  EXPECT_NE(log.find("origin=https://novatalk.example.evil.com"), std::string::npos) << log;
  EXPECT_NE(log.find("origin=malformed"), std::string::npos) << log;
  EXPECT_EQ(log.find("NOVATALK.EXAMPLE"), std::string::npos) << log;
}

// The refusal is a plain HTTP response that closes the connection, whatever the request asked.
TEST(http_session_origin, refusal_is_plain_and_closes) {
  server_process server({"--allowed-origins", allowed});
  ASSERT_TRUE(server.started()) << server.log();
  auto r = http_request(server.port(), "GET", "/ws", 5s,
                        {{"Connection", "Upgrade"},
                         {"Upgrade", "websocket"},
                         {"Sec-WebSocket-Version", "13"},
                         {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
                         {"Origin", "https://evil.example"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(r->header("connection"), "close");
  EXPECT_EQ(r->header("upgrade"), "");
  EXPECT_EQ(r->header("sec-websocket-accept"), "");
  EXPECT_EQ(r->body, "origin not allowed\n");
}

TEST(http_session_origin, default_accepts_any_origin_and_none) {
  server_process server;
  ASSERT_TRUE(server.started()) << server.log();
  for (const std::optional<std::string>& origin :
       {std::optional<std::string>(), std::optional<std::string>("https://anywhere.example"),
        std::optional<std::string>("null")}) {
    ws_client c(server.port(), 5s, origin);
    EXPECT_TRUE(c.connected()) << origin.value_or("(none)");
    EXPECT_EQ(c.next()["type"], "welcome");
  }
}

}  // namespace
}  // namespace novatalk::server::test
