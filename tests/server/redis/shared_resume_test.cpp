// Session resume across nodes sharing one pool (--redis, docs/scaling.md): real novatalk-server
// nodes, a real redis-server, the same --resume-key-file. A client of a draining node comes back
// on another node and resumes; its stranger (on any node) never hears partner_left, relays go
// both ways and `next` from either reaches the other. A grace that runs out tells the stranger.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <thread>

#include "tests/server/redis/sync_redis.hpp"
#include "tests/server/redis_process.hpp"
#include "tests/server/server_fixture.hpp"

namespace novatalk::server::test {
namespace {

class shared_resume_test : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(redis_.started());
    char dir[] = "/tmp/shared_resume_XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    dir_ = dir;
  }
  void TearDown() override {
    nodes_.clear();
    std::remove((dir_ + "/resume.key").c_str());
    rmdir(dir_.c_str());
  }

  // `key_file`: all with one --resume-key-file; without, the key shared through Redis.
  server_process& node(const std::string& name, std::vector<std::string> extra = {},
                       bool key_file = true) {
    std::vector<std::string> args{"--redis", redis_.url(), "--node-id", name};
    if (key_file) args.insert(args.end(), {"--resume-key-file", dir_ + "/resume.key"});
    args.insert(args.end(), extra.begin(), extra.end());
    nodes_.push_back(std::make_unique<server_process>(args));
    auto& n = *nodes_.back();
    EXPECT_TRUE(n.started()) << n.log();
    EXPECT_TRUE(n.wait_for_log("event=pool_available", 10s)) << n.log();
    // Up and with its keys (day keys, the shared resume key): /healthz says 200 only then.
    for (int i = 0; i < 500; ++i) {
      const auto h = http_request(n.port(), "GET", "/healthz");
      if (h && h->status == 200) break;
      std::this_thread::sleep_for(20ms);
    }
    return n;
  }
  static ws_client open(const server_process& n) { return connect_welcomed(n.port(), false); }
  std::int64_t waiting() { return db_.run({"ZCARD", "nt:q"}).integer; }
  // a (initiator, on its node) and b are paired; their tokens.
  std::pair<std::string, std::string> pair_up(ws_client& a, ws_client& b) {
    const auto before = waiting();
    EXPECT_TRUE(a.send_json(join_message()));
    for (int i = 0; i < 1000 && waiting() <= before; ++i) std::this_thread::sleep_for(10ms);
    EXPECT_TRUE(b.send_json(join_message()));
    auto ma = a.next(10s);
    auto mb = b.next(10s);
    EXPECT_EQ(ma["type"], "matched") << ma.dump();
    EXPECT_EQ(ma["role"], "initiator");
    EXPECT_EQ(mb["type"], "matched") << mb.dump();
    if (!ma.contains("resume") || !mb.contains("resume")) {
      ADD_FAILURE() << "no resume token in matched: " << ma.dump();
      return {};
    }
    return {ma["resume"].get<std::string>(), mb["resume"].get<std::string>()};
  }
  static void expect_nothing_pending(ws_client& c) {
    ASSERT_TRUE(c.send(R"({"type":"probe"})"));
    auto reply = c.next(10s);
    EXPECT_EQ(reply["code"], "bad_message") << "got instead: " << reply.dump();
  }
  static json resume(ws_client& c, const std::string& token) {
    EXPECT_TRUE(c.send_json({{"type", "resume"}, {"token", token}}));
    return c.next(10s);
  }

  redis_process redis_;
  redis::test::sync_redis db_{std::get<redis::endpoint>(redis::parse_url(redis_.url()))};
  std::string dir_;
  std::vector<std::unique_ptr<server_process>> nodes_;
};

TEST_F(shared_resume_test, a_client_of_a_draining_node_resumes_on_another_and_stays_paired) {
  auto& n1 = node("n1");
  auto& n2 = node("n2");
  auto& n3 = node("n3");
  ws_client a = open(n2);
  ws_client b = open(n3);
  auto [ta, tb] = pair_up(a, b);
  ASSERT_FALSE(ta.empty());

  n2.terminate();  // a deploy: n2 drains and exits
  EXPECT_EQ(a.wait_closed(10s), 1001);
  EXPECT_EQ(n2.wait_exit(15s), 0);
  // n2's drain handed a to Redis as away (waited for), and once n2's lease ran out (10 s) the
  // other nodes reaped n2: a must survive that.
  EXPECT_EQ(db_.run({"ZCARD", "nt:away"}).integer, 1);
  for (int i = 0; i < 300 && db_.run({"SISMEMBER", "nt:nodes", "n2"}).integer == 1; ++i)
    std::this_thread::sleep_for(100ms);
  ASSERT_EQ(db_.run({"SISMEMBER", "nt:nodes", "n2"}).integer, 0) << "n2 was never reaped";
  expect_nothing_pending(b);  // no partner_left
  // b answers meanwhile: held in Redis for a.
  ASSERT_TRUE(b.send(R"({"type":"webrtc_answer","sdp":"v=0 held"})"));
  expect_nothing_pending(b);

  ws_client a2 = open(n1);
  const auto r = resume(a2, ta);
  ASSERT_EQ(r["type"], "resumed") << r.dump() << n1.log();
  const auto fresh = a2.next(10s);
  EXPECT_EQ(fresh["type"], "resume_token") << fresh.dump();
  EXPECT_NE(fresh["token"], ta);
  EXPECT_EQ(a2.next(10s), json::parse(R"({"type":"webrtc_answer","sdp":"v=0 held"})"));
  // Relays both ways between n1 and n3, and `next` reaches the other.
  ASSERT_TRUE(a2.send(R"({"type":"webrtc_offer","sdp":"v=0 offer"})"));
  EXPECT_EQ(b.next(10s)["type"], "webrtc_offer");
  ASSERT_TRUE(b.send(R"({"type":"webrtc_answer","sdp":"v=0 answer"})"));
  EXPECT_EQ(a2.next(10s)["type"], "webrtc_answer");
  // The token is spent: once only, on any node.
  ws_client a3 = open(n3);
  EXPECT_EQ(resume(a3, ta)["code"], "resume_failed");
  ASSERT_TRUE(b.send(R"({"type":"next"})"));
  EXPECT_EQ(a2.next(10s), json::parse(R"({"type":"partner_left","reason":"next"})"));
  for (auto* n : {&n1, &n3}) EXPECT_EQ(n->log().find(ta), std::string::npos);     // never logged
  EXPECT_EQ(n3.log().find("event=partner_left"), std::string::npos) << n3.log();  // b: never
}

TEST_F(shared_resume_test, both_halves_on_a_draining_node_resume_elsewhere_and_next_still_works) {
  auto& n1 = node("n1");
  auto& n2 = node("n2");
  auto& n3 = node("n3");
  ws_client a = open(n2);
  ws_client b = open(n2);
  auto [ta, tb] = pair_up(a, b);
  ASSERT_FALSE(tb.empty());
  n2.terminate();
  EXPECT_EQ(a.wait_closed(10s), 1001);
  EXPECT_EQ(b.wait_closed(10s), 1001);
  EXPECT_EQ(n2.wait_exit(15s), 0);
  ws_client b2 = open(n3);
  ASSERT_EQ(resume(b2, tb)["type"], "resumed");
  EXPECT_EQ(b2.next(10s)["type"], "resume_token");
  ws_client a2 = open(n1);
  ASSERT_EQ(resume(a2, ta)["type"], "resumed");
  EXPECT_EQ(a2.next(10s)["type"], "resume_token");
  ASSERT_TRUE(b2.send(R"({"type":"webrtc_offer","sdp":"v=0"})"));
  EXPECT_EQ(a2.next(10s)["type"], "webrtc_offer");
  ASSERT_TRUE(a2.send(R"({"type":"next"})"));
  EXPECT_EQ(b2.next(10s), json::parse(R"({"type":"partner_left","reason":"next"})"));
}

TEST_F(shared_resume_test, the_stranger_hears_disconnect_when_the_grace_runs_out) {
  auto& n1 = node("n1", {"--resume-grace", "2"});
  auto& n2 = node("n2", {"--resume-grace", "2"});
  ws_client a = open(n1);
  ws_client b = open(n2);
  auto [ta, tb] = pair_up(a, b);
  a.drop();  // no close frame: lost
  ASSERT_TRUE(n1.wait_for_log("event=detached"));
  EXPECT_EQ(b.next(20s), json::parse(R"({"type":"partner_left","reason":"disconnect"})"));
  ws_client a2 = open(n2);
  EXPECT_EQ(resume(a2, ta)["code"], "resume_failed");  // too late: the pairing is over
  // b's next call relays straight again (nothing is held for a stranger who is not away).
  ws_client c = open(n1);
  auto [tc, tb2] = pair_up(c, b);
  ASSERT_TRUE(b.send(R"({"type":"webrtc_answer","sdp":"v=0 to c"})"));
  EXPECT_EQ(c.next(10s), json::parse(R"({"type":"webrtc_answer","sdp":"v=0 to c"})"));
}

// Without --resume-key-file the nodes sign with a key shared through Redis (set once).
TEST_F(shared_resume_test, without_a_key_file_the_nodes_share_the_key_through_redis) {
  auto& n1 = node("n1", {}, false);
  auto& n2 = node("n2", {}, false);
  EXPECT_TRUE(n1.wait_for_log("event=resume key=redis"));
  ws_client a = open(n1);
  ws_client b = open(n2);
  auto [ta, tb] = pair_up(a, b);
  ASSERT_FALSE(ta.empty());
  EXPECT_EQ(db_.run({"EXISTS", "nt:rk"}).integer, 1);
  n1.terminate();
  EXPECT_EQ(a.wait_closed(10s), 1001);
  ws_client a2 = open(n2);
  const auto r = resume(a2, ta);
  ASSERT_EQ(r["type"], "resumed") << r.dump() << n2.log();
  EXPECT_EQ(a2.next(10s)["type"], "resume_token");
  ASSERT_TRUE(a2.send(R"({"type":"next"})"));
  EXPECT_EQ(b.next(10s), json::parse(R"({"type":"partner_left","reason":"next"})"));
  EXPECT_EQ(n2.log().find(db_.run({"GET", "nt:rk"}).str), std::string::npos);  // never logged
}

TEST_F(shared_resume_test, a_closed_tab_still_ends_the_call_at_once) {
  auto& n1 = node("n1");
  auto& n2 = node("n2");
  ws_client a = open(n1);
  ws_client b = open(n2);
  pair_up(a, b);
  a.close();
  EXPECT_EQ(b.next(10s), json::parse(R"({"type":"partner_left","reason":"disconnect"})"));
}

}  // namespace
}  // namespace novatalk::server::test
