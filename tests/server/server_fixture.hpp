// The fixture of the integration tests: a fresh server per test, and helpers to speak the
// protocol. `probe()` makes "nothing else arrived" deterministic without sleeping: the server
// answers a bad message with an error, so if the error is the next frame, nothing came before.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "tests/server/server_process.hpp"
#include "tests/server/ws_client.hpp"

namespace novatalk::server::test {

inline json join_message(std::vector<std::string> interests = {}, std::string mode = "video") {
  return json{{"type", "join"}, {"interests", interests}, {"mode", mode}};
}

// Connected to the server on `port`, its welcome (the first frame) read; `skip_online` as for
// ws_client::next.
inline ws_client connect_welcomed(std::uint16_t port, bool skip_online = true) {
  ws_client c(port);
  EXPECT_TRUE(c.connected());
  auto welcome = c.next(std::chrono::seconds(5), skip_online);
  EXPECT_EQ(welcome["type"], "welcome") << welcome.dump();
  return c;
}

class server_test : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<server_process>(args());
    ASSERT_TRUE(server_->started()) << server_->log();
  }
  virtual std::vector<std::string> args() { return {}; }

  server_process& server() { return *server_; }

  // A connected client whose welcome was read.
  ws_client connect() { return connect_welcomed(server_->port()); }

  // Joins and waits until the server processed the join, expecting no match yet. Frames of
  // different connections may be processed in any order: this fixes "who waited longer".
  static void join_and_wait(ws_client& c, std::vector<std::string> interests = {},
                            std::string mode = "video") {
    ASSERT_TRUE(c.send_json(join_message(std::move(interests), std::move(mode))));
    expect_nothing_pending(c);
  }

  // Two clients (no interests, video) paired with each other: `a` is the initiator.
  void pair(ws_client& a, ws_client& b) {
    join_and_wait(a);
    ASSERT_TRUE(b.send_json(join_message()));
    auto ma = a.next();
    auto mb = b.next();
    ASSERT_EQ(ma["type"], "matched") << ma.dump();
    ASSERT_EQ(mb["type"], "matched") << mb.dump();
    ASSERT_EQ(ma["role"], "initiator");
    ASSERT_EQ(mb["role"], "responder");
  }

  // Asserts that no message is pending for `c`: see the header comment.
  static void expect_nothing_pending(ws_client& c) {
    ASSERT_TRUE(c.send(R"({"type":"probe"})"));
    auto reply = c.next();
    EXPECT_EQ(reply["type"], "error") << "got instead: " << reply.dump();
    EXPECT_EQ(reply["code"], "bad_message") << reply.dump();
  }

 private:
  std::unique_ptr<server_process> server_;
};

}  // namespace novatalk::server::test
