// Per-address limits and the request timeout of http_session, through the real binary: past
// --max-conns-per-ip or --max-new-conns-per-ip the upgrade gets 429 with Retry-After before any
// WebSocket exists; counts are released when sockets close; addresses come from
// X-Forwarded-For only with --trusted-proxies; a request trickled in is cut off.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "tests/server/server_process.hpp"
#include "tests/server/ws_client.hpp"

namespace novatalk::server::test {
namespace {

int count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

ws_client from(const server_process& s, const std::string& forwarded_for) {
  return ws_client(s.port(), 5s, std::nullopt, {{"X-Forwarded-For", forwarded_for}});
}

TEST(http_session_limits, open_connections_per_address_then_429_until_one_closes) {
  server_process server(
      {"--max-conns-per-ip", "3", "--max-new-conns-per-ip", "0", "--trusted-proxies", "127.0.0.1"});
  ASSERT_TRUE(server.started()) << server.log();
  std::vector<std::unique_ptr<ws_client>> open;
  for (int i = 0; i < 3; ++i) {
    open.push_back(std::make_unique<ws_client>(from(server, "198.51.100.1")));
    ASSERT_TRUE(open.back()->connected()) << i;
  }
  auto refused = from(server, "198.51.100.1");
  EXPECT_FALSE(refused.connected());
  EXPECT_EQ(refused.handshake_status(), 429);
  EXPECT_EQ(refused.handshake_header("Retry-After"), "10");
  // Another address behind the same proxy is someone else.
  auto other = from(server, "198.51.100.2");
  EXPECT_TRUE(other.connected());
  // So is the proxy itself without the header.
  ws_client direct(server.port());
  EXPECT_TRUE(direct.connected());
  // One closes: its count is released (once the server has seen it go).
  open.front()->close();
  ASSERT_TRUE(server.wait_for_log("event=disconnected id=1"));
  auto again = from(server, "198.51.100.1");
  EXPECT_TRUE(again.connected());
  EXPECT_EQ(again.next()["type"], "welcome");
  // Refused before any WebSocket existed: 3 + other + direct + again connected, nothing more.
  EXPECT_EQ(server.stop(), 0);
  const auto log = server.log();
  EXPECT_EQ(count(log, "event=connected"), 6) << log;
  EXPECT_EQ(count(log, "event=ws_refused reason=conns_per_ip"), 1) << log;
  EXPECT_EQ(log.find("198.51.100"), std::string::npos) << "an address in the log:\n" << log;
  EXPECT_EQ(log.find("127.0.0.1"), std::string::npos) << "an address in the log:\n" << log;
}

TEST(http_session_limits, forwarded_for_is_ignored_without_trusted_proxies) {
  server_process server({"--max-conns-per-ip", "2", "--max-new-conns-per-ip", "0"});
  ASSERT_TRUE(server.started()) << server.log();
  auto a = from(server, "198.51.100.1");
  auto b = from(server, "198.51.100.2");
  EXPECT_TRUE(a.connected());
  EXPECT_TRUE(b.connected());
  auto c = from(server, "198.51.100.3");  // all three are 127.0.0.1
  EXPECT_EQ(c.handshake_status(), 429);
  // A proxy that is not ours cannot choose addresses either.
  server_process other_proxy({"--max-conns-per-ip", "1", "--max-new-conns-per-ip", "0",
                              "--trusted-proxies", "10.0.0.0/8"});
  ASSERT_TRUE(other_proxy.started()) << other_proxy.log();
  auto d = from(other_proxy, "198.51.100.1");
  EXPECT_TRUE(d.connected());
  EXPECT_EQ(from(other_proxy, "198.51.100.2").handshake_status(), 429);
}

TEST(http_session_limits, new_connections_per_second_then_429_with_retry_after) {
  server_process server({"--max-new-conns-per-ip", "1", "--max-conns-per-ip", "0"});
  ASSERT_TRUE(server.started()) << server.log();
  std::vector<std::unique_ptr<ws_client>> open;
  // One per second: the second of two back to back is refused (unless a whole second passed
  // between them on a very slow machine; then the next pair is tried).
  int status = 0;
  std::string retry_after;
  for (int i = 0; i < 20 && status != 429; ++i) {
    auto c = std::make_unique<ws_client>(server.port());
    status = c->handshake_status();
    retry_after = c->handshake_header("Retry-After");
    if (c->connected()) open.push_back(std::move(c));
  }
  EXPECT_EQ(status, 429);
  EXPECT_EQ(retry_after, "1");
  EXPECT_TRUE(server.wait_for_log("event=ws_refused reason=new_conns_per_ip"));
  // Plain HTTP is not limited: the site and /healthz are no WebSockets.
  for (int i = 0; i < 5; ++i) {
    auto r = http_request(server.port(), "GET", "/healthz");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
  }
}

// Many threads of the server, many clients of one address at once: exactly the limit gets in,
// and after they all closed, the limit again.
TEST(http_session_limits, counts_hold_under_threads_and_are_released) {
  server_process server(
      {"--threads", "4", "--max-conns-per-ip", "10", "--max-new-conns-per-ip", "0"});
  ASSERT_TRUE(server.started()) << server.log();
  for (int round = 0; round < 2; ++round) {
    std::vector<std::unique_ptr<ws_client>> clients(40);
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
      threads.emplace_back([&, t] {
        for (int i = t; i < 40; i += 8) clients[i] = std::make_unique<ws_client>(server.port());
      });
    for (auto& t : threads) t.join();
    int admitted = 0, refused = 0;
    for (auto& c : clients) {
      admitted += c->connected() ? 1 : 0;
      refused += c->handshake_status() == 429 ? 1 : 0;
    }
    EXPECT_EQ(admitted, 10) << "round " << round;
    EXPECT_EQ(refused, 30) << "round " << round;
    for (auto& c : clients)
      if (c->connected()) c->close();
    // All of them gone (the server logged each disconnect) before the next round.
    const int gone = 10 * (round + 1);
    for (int i = 0; i < 400 && count(server.log(), "event=disconnected") < gone; ++i)
      std::this_thread::sleep_for(50ms);  // polling the log, not an assertion
    ASSERT_EQ(count(server.log(), "event=disconnected"), gone) << server.log();
  }
}

TEST(http_session_limits, zero_turns_the_address_limits_off) {
  server_process server({"--max-conns-per-ip", "0", "--max-new-conns-per-ip", "0"});
  ASSERT_TRUE(server.started()) << server.log();
  std::vector<std::unique_ptr<ws_client>> open;
  for (int i = 0; i < 60; ++i) {
    open.push_back(std::make_unique<ws_client>(server.port()));
    ASSERT_TRUE(open.back()->connected()) << i;
  }
}

// Slowloris: a request that never ends is cut off after --handshake-timeout.
TEST(http_session_limits, a_request_trickled_in_is_cut_off) {
  server_process server({"--handshake-timeout", "1"});
  ASSERT_TRUE(server.started()) << server.log();
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(server.port());
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  const std::string partial = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n";
  ASSERT_EQ(send(fd, partial.data(), partial.size(), 0), static_cast<ssize_t>(partial.size()));
  timeval generous{20, 0};  // only a bound for a broken server; the server's is 1 s
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &generous, sizeof generous);
  char buf[256];
  const ssize_t n = recv(fd, buf, sizeof buf, 0);
  const int err = errno;
  close(fd);
  EXPECT_TRUE(n == 0 || (n < 0 && err == ECONNRESET)) << "n=" << n << " errno=" << err;
  // The server is fine.
  ws_client c(server.port());
  EXPECT_TRUE(c.connected());
}

}  // namespace
}  // namespace novatalk::server::test
