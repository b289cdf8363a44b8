// Session resume through the real binary (docs/protocol.md, "Resume after a dropped socket"):
// a socket cut without a close frame, a restart with the same key file, a grace that runs out,
// tokens used twice or after their lifetime. Waits are generous; nothing asserts on timing.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>

#include "tests/server/server_fixture.hpp"

namespace novatalk::server::test {
namespace {

json resume_message(const std::string& token) { return json{{"type", "resume"}, {"token", token}}; }

// A temporary key file path (the server creates the file).
class key_path {
 public:
  key_path() {
    char dir[] = "/tmp/resume_test_XXXXXX";
    dir_ = mkdtemp(dir) ? dir : "/tmp";
    path_ = dir_ + "/resume.key";
  }
  ~key_path() {
    std::remove(path_.c_str());
    rmdir(dir_.c_str());
  }
  const std::string& path() const { return path_; }

 private:
  std::string dir_, path_;
};

ws_client connect_to(server_process& s) {
  ws_client c(s.port());
  EXPECT_TRUE(c.connected());
  EXPECT_EQ(c.next()["type"], "welcome");
  return c;
}

// Pairs a (initiator) and b; their resume tokens.
std::pair<std::string, std::string> pair_up(ws_client& a, ws_client& b) {
  EXPECT_TRUE(a.send_json(join_message()));
  EXPECT_TRUE(a.send(R"({"type":"probe"})"));
  EXPECT_EQ(a.next()["code"], "bad_message");  // a's join was processed first
  EXPECT_TRUE(b.send_json(join_message()));
  auto ma = a.next();
  auto mb = b.next();
  EXPECT_EQ(ma["type"], "matched") << ma.dump();
  EXPECT_EQ(mb["type"], "matched") << mb.dump();
  if (!ma.contains("resume") || !mb.contains("resume")) {
    ADD_FAILURE() << "no resume token in matched";
    return {};
  }
  return {ma["resume"].get<std::string>(), mb["resume"].get<std::string>()};
}

// Two clients in a call, with their tokens.
struct call {
  ws_client a, b;
  std::string ta, tb;
};
call start_call(server_process& s) {
  auto a = connect_to(s);
  auto b = connect_to(s);
  auto [ta, tb] = pair_up(a, b);
  return {std::move(a), std::move(b), ta, tb};
}

// `c` sends `resume` with `token` first thing; the answer's types up to the fresh token.
json resume_on(ws_client& c, const std::string& token) {
  EXPECT_TRUE(c.send_json(resume_message(token)));
  return c.next(10s);
}

void expect_nothing_pending(ws_client& c) {
  ASSERT_TRUE(c.send(R"({"type":"probe"})"));
  auto reply = c.next();
  EXPECT_EQ(reply["code"], "bad_message") << "got instead: " << reply.dump();
}

class resume_test : public ::testing::Test {
 protected:
  key_path key_;
  std::vector<std::string> args(std::vector<std::string> more = {}) {
    std::vector<std::string> a = {"--resume-key-file", key_.path()};
    a.insert(a.end(), more.begin(), more.end());
    return a;
  }
};

TEST_F(resume_test, a_dropped_socket_resumes_and_the_stranger_never_hears_of_it) {
  server_process s(args());
  ASSERT_TRUE(s.started());
  auto [a, b, ta, tb] = start_call(s);
  a.drop();  // no close frame: a network blip
  ASSERT_TRUE(s.wait_for_log("event=detached"));
  // b answers meanwhile: held for a.
  ASSERT_TRUE(b.send(R"({"type":"webrtc_answer","sdp":"v=0"})"));
  expect_nothing_pending(b);  // no partner_left

  auto a2 = connect_to(s);
  EXPECT_EQ(resume_on(a2, ta)["type"], "resumed");
  auto fresh = a2.next();
  EXPECT_EQ(fresh["type"], "resume_token");
  EXPECT_NE(fresh["token"], ta);
  EXPECT_EQ(a2.next()["type"], "webrtc_answer");
  // Still each other's stranger: relays both ways, and `next` reaches b.
  ASSERT_TRUE(a2.send(R"({"type":"webrtc_offer","sdp":"v=0"})"));
  EXPECT_EQ(b.next()["type"], "webrtc_offer");
  ASSERT_TRUE(a2.send(R"({"type":"next"})"));
  auto left = b.next();
  EXPECT_EQ(left["type"], "partner_left");
  EXPECT_EQ(left["reason"], "next");
  EXPECT_EQ(s.log().find(ta), std::string::npos);  // tokens are never logged
  EXPECT_EQ(s.log().find(fresh["token"].get<std::string>()), std::string::npos);
}

TEST_F(resume_test, the_stranger_hears_disconnect_when_the_grace_runs_out) {
  server_process s(args({"--resume-grace", "1"}));
  ASSERT_TRUE(s.started());
  auto [a, b, ta, tb] = start_call(s);
  a.drop();
  auto left = b.next(15s);
  EXPECT_EQ(left["type"], "partner_left");
  EXPECT_EQ(left["reason"], "disconnect");
  // Too late now: the pairing is over.
  auto a2 = connect_to(s);
  auto r = resume_on(a2, ta);
  EXPECT_EQ(r["type"], "error");
  EXPECT_EQ(r["code"], "resume_failed");
}

TEST_F(resume_test, a_token_is_good_once_and_only_within_its_lifetime) {
  server_process s(args({"--resume-ttl", "10", "--resume-grace", "60"}));
  ASSERT_TRUE(s.started());
  auto [a, b, ta, tb] = start_call(s);
  a.drop();
  auto a2 = connect_to(s);
  EXPECT_EQ(resume_on(a2, ta)["type"], "resumed");
  auto a3 = connect_to(s);
  auto twice = resume_on(a3, ta);
  EXPECT_EQ(twice["code"], "resume_failed") << twice.dump();
  // b's token from `matched` outlives its 10 s (b reads nothing, so refreshes wait unread).
  b.drop();
  ASSERT_TRUE(s.wait_for_log("event=detached id=2"));
  std::this_thread::sleep_for(11s);  // waiting out the token's lifetime, not a timing assertion
  auto b2 = connect_to(s);
  auto late = resume_on(b2, tb);
  EXPECT_EQ(late["code"], "resume_failed") << late.dump();
  EXPECT_TRUE(s.wait_for_log("event=resume_failed id=5 why=expired"));
  // A refused resume leaves an ordinary connection: it can join.
  ASSERT_TRUE(b2.send_json(join_message()));
  expect_nothing_pending(b2);
}

TEST_F(resume_test, resume_is_only_the_first_message) {
  server_process s(args());
  ASSERT_TRUE(s.started());
  auto [a, b, ta, tb] = start_call(s);
  a.drop();
  auto a2 = connect_to(s);
  ASSERT_TRUE(a2.send(R"({"type":"leave"})"));
  auto r = resume_on(a2, ta);
  EXPECT_EQ(r["code"], "resume_failed");
}

TEST_F(resume_test, after_a_restart_with_the_same_key_both_resume_and_stay_strangers) {
  std::string ta, tb;
  {
    server_process before(args());
    ASSERT_TRUE(before.started());
    auto [a, b, token_a, token_b] = start_call(before);
    ta = token_a;
    tb = token_b;
    before.terminate();  // a deploy: drain, exit
    EXPECT_EQ(a.wait_closed(10s), 1001);
    EXPECT_EQ(b.wait_closed(10s), 1001);
    EXPECT_EQ(before.wait_exit(15s), 0);
  }
  server_process after(args());
  ASSERT_TRUE(after.started());
  auto b = connect_to(after);  // the responder is back first
  EXPECT_EQ(resume_on(b, tb)["type"], "resumed");
  EXPECT_EQ(b.next()["type"], "resume_token");
  ASSERT_TRUE(b.send(R"({"type":"webrtc_offer","sdp":"v=0"})"));  // held until a is back
  auto a = connect_to(after);
  EXPECT_EQ(resume_on(a, ta)["type"], "resumed");
  EXPECT_EQ(a.next()["type"], "resume_token");
  EXPECT_EQ(a.next()["type"], "webrtc_offer");
  ASSERT_TRUE(b.send(R"({"type":"next"})"));
  auto left = a.next();
  EXPECT_EQ(left["type"], "partner_left");
  EXPECT_EQ(left["reason"], "next");
}

TEST_F(resume_test, without_resume_a_drop_ends_the_call_at_once) {
  server_process s({"--resume-grace", "0"});
  ASSERT_TRUE(s.started());
  auto a = connect_to(s);
  auto b = connect_to(s);
  ASSERT_TRUE(a.send_json(join_message()));
  expect_nothing_pending(a);
  ASSERT_TRUE(b.send_json(join_message()));
  EXPECT_FALSE(a.next().contains("resume"));
  b.next();
  a.drop();
  EXPECT_EQ(b.next()["reason"], "disconnect");
}

}  // namespace
}  // namespace novatalk::server::test
