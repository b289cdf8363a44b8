// The pairing rules as the server applies them, end to end: roles, common interests, interest
// preference and its timeout (--interest-wait 1), modes, next, leave, disconnect.
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/server/server_fixture.hpp"

namespace novatalk::server::test {
namespace {

class pairing_test : public server_test {};

TEST_F(pairing_test, two_clients_are_paired_with_one_initiator_and_common_interests) {
  auto a = connect();
  auto b = connect();
  join_and_wait(a, {"Music", "chess"});
  ASSERT_TRUE(b.send_json(join_message({"art", "music"})));
  auto ma = a.next();
  auto mb = b.next();
  EXPECT_EQ(ma["type"], "matched");
  EXPECT_EQ(mb["type"], "matched");
  EXPECT_EQ(ma["role"], "initiator");  // waited longer
  EXPECT_EQ(mb["role"], "responder");
  EXPECT_EQ(ma["common"], json::array({"music"}));
  EXPECT_EQ(mb["common"], json::array({"music"}));
  // The log reaches us through a pipe, maybe after the frames: wait for it.
  EXPECT_TRUE(server().wait_for_log("event=matched a=1 b=2 common=1")) << server().log();
}

TEST_F(pairing_test, common_interest_beats_first_come_first_served) {
  auto a = connect();
  auto b = connect();
  auto c = connect();
  join_and_wait(a, {"music"});
  join_and_wait(b, {"chess"});
  ASSERT_TRUE(c.send_json(join_message({"music"})));
  auto ma = a.next();
  auto mc = c.next();
  EXPECT_EQ(ma["type"], "matched");
  EXPECT_EQ(ma["role"], "initiator");
  EXPECT_EQ(ma["common"], json::array({"music"}));
  EXPECT_EQ(mc["role"], "responder");
  expect_nothing_pending(b);
}

TEST_F(pairing_test, after_the_interest_wait_anyone_will_do) {
  auto a = connect();
  auto b = connect();
  join_and_wait(a, {"music"});
  join_and_wait(b, {"chess"});
  // --interest-wait 1: the 250 ms tick pairs them a second or so later.
  auto ma = a.next(5s);
  auto mb = b.next(5s);
  EXPECT_EQ(ma["type"], "matched");
  EXPECT_EQ(ma["role"], "initiator");
  EXPECT_EQ(ma["common"], json::array());
  EXPECT_EQ(mb["type"], "matched");
  EXPECT_EQ(mb["role"], "responder");
}

TEST_F(pairing_test, only_equal_modes_are_paired) {
  auto a = connect();
  auto b = connect();
  auto c = connect();
  join_and_wait(a, {}, "video");
  join_and_wait(b, {}, "text");  // no interests: would take a at once if modes did not matter
  ASSERT_TRUE(c.send_json(join_message({}, "text")));
  EXPECT_EQ(b.next()["type"], "matched");
  EXPECT_EQ(c.next()["type"], "matched");
  expect_nothing_pending(a);
}

TEST_F(pairing_test, next_tells_the_stranger_and_requeues_the_nexter) {
  auto a = connect();
  auto b = connect();
  auto c = connect();
  pair(a, b);
  join_and_wait(c);
  ASSERT_TRUE(a.send_json({{"type", "next"}}));
  auto left = b.next();
  EXPECT_EQ(left["type"], "partner_left");
  EXPECT_EQ(left["reason"], "next");
  auto ma = a.next();
  auto mc = c.next();
  EXPECT_EQ(ma["type"], "matched");
  EXPECT_EQ(ma["role"], "responder");  // c waited longer
  EXPECT_EQ(mc["type"], "matched");
  EXPECT_EQ(mc["role"], "initiator");
  // b is idle until it joins again (its client does that by itself).
  expect_nothing_pending(b);
}

TEST_F(pairing_test, the_same_two_are_not_paired_again_while_someone_else_waits) {
  auto a = connect();
  auto b = connect();
  auto c = connect();
  pair(a, b);
  join_and_wait(c, {"music"});  // waits for an interest: not open to a or b for a second
  ASSERT_TRUE(a.send_json({{"type", "next"}}));
  EXPECT_EQ(b.next()["reason"], "next");
  expect_nothing_pending(a);
  join_and_wait(b);  // a is waiting, but b just left a: not again while c waits
  // When c's interest wait runs out, c takes the one who waited longest: a.
  auto mc = c.next(5s);
  auto ma = a.next(5s);
  EXPECT_EQ(mc["type"], "matched");
  EXPECT_EQ(mc["role"], "initiator");
  EXPECT_EQ(ma["type"], "matched");
  EXPECT_EQ(ma["role"], "responder");
  expect_nothing_pending(b);
}

TEST_F(pairing_test, leave_tells_the_stranger_and_stays_idle) {
  auto a = connect();
  auto b = connect();
  pair(a, b);
  ASSERT_TRUE(a.send_json({{"type", "leave"}}));
  auto left = b.next();
  EXPECT_EQ(left["type"], "partner_left");
  EXPECT_EQ(left["reason"], "leave");
  expect_nothing_pending(a);
  // Both can search again; they may meet again as nobody else waits.
  join_and_wait(a);
  ASSERT_TRUE(b.send_json(join_message()));
  EXPECT_EQ(a.next()["type"], "matched");
  EXPECT_EQ(b.next()["type"], "matched");
}

TEST_F(pairing_test, join_while_paired_tells_the_stranger_next) {
  auto a = connect();
  auto b = connect();
  pair(a, b);
  ASSERT_TRUE(a.send_json(join_message({"music"})));
  EXPECT_EQ(b.next()["reason"], "next");
}

TEST_F(pairing_test, socket_close_tells_the_stranger_disconnect_at_once) {
  auto a = connect();
  auto b = connect();
  pair(a, b);
  a.close();  // close handshake
  auto left = b.next();
  EXPECT_EQ(left["type"], "partner_left");
  EXPECT_EQ(left["reason"], "disconnect");

  // TCP gone without a close frame during a call is a blip: the stranger waits for the resume
  // grace first (resume_test covers the rest).
  auto c = connect();
  pair(b, c);
  c.drop();
  ASSERT_TRUE(server().wait_for_log("event=detached"));
  expect_nothing_pending(b);
}

class pairing_no_resume_test : public server_test {
  std::vector<std::string> args() override { return {"--resume-grace", "0"}; }
};

TEST_F(pairing_no_resume_test, without_resume_a_dropped_socket_tells_the_stranger_at_once) {
  auto a = connect();
  auto b = connect();
  pair(a, b);
  a.drop();  // TCP gone without a close frame
  auto left = b.next();
  EXPECT_EQ(left["type"], "partner_left");
  EXPECT_EQ(left["reason"], "disconnect");
}

TEST_F(pairing_test, online_count_is_broadcast_when_it_changed) {
  auto a = connect();
  auto b = connect();
  // At most every 5 s after start: wait for it without skipping it.
  json online;
  for (int i = 0; i < 3 && online["type"] != "online"; ++i) online = a.next(7s, false);
  EXPECT_EQ(online["type"], "online");
  EXPECT_EQ(online["count"], 2);
}

class pairing_threads_test : public server_test {
  // All clients come from 127.0.0.1, faster than --max-new-conns-per-ip allows one address.
  std::vector<std::string> args() override {
    return {"--threads", "2", "--max-new-conns-per-ip", "0"};
  }
};

TEST_F(pairing_threads_test, pairs_and_relays_with_two_threads) {
  auto a = connect();
  auto b = connect();
  pair(a, b);
  ASSERT_TRUE(a.send_json({{"type", "webrtc_offer"}, {"sdp", "v=0"}}));
  EXPECT_EQ(b.next()["type"], "webrtc_offer");
  b.close();
  EXPECT_EQ(a.next()["reason"], "disconnect");
}

}  // namespace
}  // namespace novatalk::server::test

namespace novatalk::server::test {
namespace {

// Many clients at once on two server threads (meant for the TSan build too): every client is
// paired, and each handshake goes between the two of one pair only.
TEST_F(pairing_threads_test, sixteen_clients_pair_up_and_relay_within_their_pairs) {
  constexpr int n = 16;
  std::vector<ws_client> clients;
  for (int i = 0; i < n; ++i) clients.push_back(connect());
  for (auto& c : clients) ASSERT_TRUE(c.send_json(join_message()));
  std::vector<std::string> roles(n);
  for (int i = 0; i < n; ++i) {
    auto m = clients[i].next();
    ASSERT_EQ(m["type"], "matched") << m.dump();
    roles[i] = m["role"];
  }
  EXPECT_EQ(std::count(roles.begin(), roles.end(), "initiator"), n / 2);
  for (int i = 0; i < n; ++i) {
    if (roles[i] != "initiator") continue;
    ASSERT_TRUE(clients[i].send_json({{"type", "webrtc_offer"}, {"sdp", std::to_string(i)}}));
  }
  std::vector<int> partner(n, -1);
  for (int i = 0; i < n; ++i) {
    if (roles[i] != "responder") continue;
    auto offer = clients[i].next();
    ASSERT_EQ(offer["type"], "webrtc_offer");
    partner[i] = std::stoi(offer["sdp"].get<std::string>());
    ASSERT_TRUE(clients[i].send_json({{"type", "webrtc_answer"}, {"sdp", std::to_string(i)}}));
  }
  for (int i = 0; i < n; ++i) {
    if (roles[i] != "initiator") continue;
    auto answer = clients[i].next();
    ASSERT_EQ(answer["type"], "webrtc_answer");
    const int from = std::stoi(answer["sdp"].get<std::string>());
    EXPECT_EQ(partner[from], i);
  }
  for (auto& c : clients) c.drop();
  EXPECT_TRUE(server().wait_for_log("online=0"));
}

}  // namespace
}  // namespace novatalk::server::test
