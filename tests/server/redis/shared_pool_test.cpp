// Several real novatalk-server nodes sharing one pool through a real redis-server (--redis), all
// on free loopback ports: clients on different nodes meet, relay both ways, honour interests,
// hear of `next` and disconnects; a node killed with SIGKILL is noticed by the others; Redis
// going away makes /healthz 503 and is survived; reports made on one node ban an address on
// another.
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <thread>

#include "tests/server/redis/sync_redis.hpp"
#include "tests/server/redis_process.hpp"
#include "tests/server/server_fixture.hpp"

namespace novatalk::server::test {
namespace {

class shared_pool_test : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(redis_.started()); }

  server_process& node(const std::string& name, std::vector<std::string> extra = {}) {
    // Hundreds of clients from 127.0.0.1 that skip as fast as the pool answers: the address
    // and skip limits would refuse some, and are not what these tests are about.
    std::vector<std::string> args{"--redis",           redis_.url(), "--node-id",
                                  name,                "--next-interval-ms", "0",
                                  "--max-conns-per-ip", "0",          "--max-new-conns-per-ip",
                                  "0"};
    args.insert(args.end(), extra.begin(), extra.end());
    nodes_.push_back(std::make_unique<server_process>(args));
    auto& n = *nodes_.back();
    EXPECT_TRUE(n.started()) << n.log();
    EXPECT_TRUE(n.wait_for_log("event=pool_available", 10s)) << n.log();
    return n;
  }
  // Joins, then waits until Redis has the join: nodes run their requests concurrently, so
  // "who waited longer" across nodes is fixed here, by looking at the queue in Redis itself.
  void join_and_wait(ws_client& c, std::vector<std::string> interests = {}) {
    const auto before = waiting();
    ASSERT_TRUE(c.send_json(join_message(std::move(interests))));
    for (int i = 0; i < 1000 && waiting() <= before; ++i) std::this_thread::sleep_for(10ms);
    ASSERT_GT(waiting(), before);
  }
  std::int64_t waiting() { return db_.run({"ZCARD", "nt:q"}).integer; }
  static void expect_nothing_pending(ws_client& c) {
    ASSERT_TRUE(c.send(R"({"type":"probe"})"));
    auto reply = c.next();
    EXPECT_EQ(reply["type"], "error") << "got instead: " << reply.dump();
    EXPECT_EQ(reply["code"], "bad_message") << reply.dump();
  }
  // Connected, its welcome read.
  static ws_client open(const server_process& n) { return connect_welcomed(n.port(), false); }
  static void expect_matched(ws_client& c, const char* role) {
    auto m = c.next(10s);
    ASSERT_EQ(m["type"], "matched") << m.dump();
    EXPECT_EQ(m["role"], role);
  }

  redis_process redis_;
  redis::test::sync_redis db_{std::get<redis::endpoint>(redis::parse_url(redis_.url()))};
  std::vector<std::unique_ptr<server_process>> nodes_;
};

TEST_F(shared_pool_test, clients_on_two_nodes_meet_and_relay_both_ways) {
  auto& n1 = node("n1");
  auto& n2 = node("n2");
  ws_client a = open(n1);
  ws_client b = open(n2);
  join_and_wait(a);
  ASSERT_TRUE(b.send_json(join_message()));
  expect_matched(a, "initiator");
  expect_matched(b, "responder");
  ASSERT_TRUE(a.send(R"({"type":"webrtc_offer","sdp":"v=0 offer"})"));
  EXPECT_EQ(b.next(), json::parse(R"({"type":"webrtc_offer","sdp":"v=0 offer"})"));
  ASSERT_TRUE(b.send(R"({"type":"webrtc_answer","sdp":"v=0 answer"})"));
  EXPECT_EQ(a.next()["sdp"], "v=0 answer");
  // Candidates in order, both ways.
  for (int i = 0; i < 4; ++i) {
    const std::string cand = "candidate:" + std::to_string(i) + " 1 udp 1 10.0.0.1 9 typ host";
    ASSERT_TRUE(a.send_json(
        {{"type", "webrtc_ice_candidate"}, {"candidate", {{"candidate", cand}, {"sdpMid", "0"}}}}));
    ASSERT_TRUE(b.send_json(
        {{"type", "webrtc_ice_candidate"}, {"candidate", {{"candidate", cand}, {"sdpMid", "0"}}}}));
  }
  for (int i = 0; i < 4; ++i) {
    const std::string want = "candidate:" + std::to_string(i) + " 1 udp 1 10.0.0.1 9 typ host";
    EXPECT_EQ(b.next()["candidate"]["candidate"], want);
    EXPECT_EQ(a.next()["candidate"]["candidate"], want);
  }
  // next crosses nodes; so does a disconnect.
  ASSERT_TRUE(b.send(R"({"type":"next"})"));
  EXPECT_EQ(a.next(), json::parse(R"({"type":"partner_left","reason":"next"})"));
  ASSERT_EQ(waiting(), 1);  // b, looking for someone else
  ASSERT_TRUE(a.send(R"({"type":"next"})"));
  expect_matched(b, "initiator");  // b waited longer
  expect_matched(a, "responder");
  b.close();
  EXPECT_EQ(a.next(10s), json::parse(R"({"type":"partner_left","reason":"disconnect"})"));
  // Nothing of it in either log: ids and counts only.
  for (auto* n : {&n1, &n2}) {
    EXPECT_EQ(n->log().find("10.0.0.1"), std::string::npos);
    EXPECT_EQ(n->log().find("v=0"), std::string::npos);
  }
}

TEST_F(shared_pool_test, interests_are_honoured_across_three_nodes) {
  auto& n1 = node("n1");
  auto& n2 = node("n2");
  auto& n3 = node("n3");
  ws_client a = open(n1);
  ws_client b = open(n2);
  ws_client c = open(n3);
  join_and_wait(a, {"chess"});
  join_and_wait(b, {"music"});
  ASSERT_TRUE(c.send_json(join_message({"music"})));
  auto mb = b.next(10s);
  auto mc = c.next(10s);
  ASSERT_EQ(mb["type"], "matched") << mb.dump();
  EXPECT_EQ(mb["common"], json::array({"music"}));
  EXPECT_EQ(mc["common"], json::array({"music"}));
  expect_nothing_pending(a);
}

// With resume on, a dead node's clients in calls are waited for (--resume-grace, 2 s here) after
// the reap, since they may come back on another node (tests/server/redis/shared_resume_test.cpp).
TEST_F(shared_pool_test, a_killed_node_is_noticed_and_its_clients_strangers_move_on) {
  auto& n1 = node("n1", {"--resume-grace", "2"});
  auto& n2 = node("n2", {"--resume-grace", "2"});
  ws_client a = open(n1);
  ws_client b = open(n2);
  join_and_wait(a);
  ASSERT_TRUE(b.send_json(join_message()));
  expect_matched(a, "initiator");
  expect_matched(b, "responder");
  n2.kill_now();
  // After a 10 s heartbeat lease (checked every 2 s), then the 2 s grace: generous wait.
  EXPECT_EQ(a.next(25s), json::parse(R"({"type":"partner_left","reason":"disconnect"})"));
  // ...and a is paired again with whoever comes.
  auto& n3 = node("n3", {"--resume-grace", "2"});
  ws_client c = open(n3);
  ASSERT_TRUE(a.send(R"({"type":"next"})"));
  for (int i = 0; i < 1000 && waiting() < 1; ++i) std::this_thread::sleep_for(10ms);
  ASSERT_TRUE(c.send_json(join_message()));
  expect_matched(a, "initiator");
  expect_matched(c, "responder");
}

TEST_F(shared_pool_test, redis_going_away_is_said_and_survived) {
  auto& n1 = node("n1");
  ws_client a = open(n1);
  join_and_wait(a);
  EXPECT_EQ(http_request(n1.port(), "GET", "/healthz")->status, 200);
  redis_.kill_now();
  auto e = a.next(10s);
  EXPECT_EQ(e["type"], "error") << e.dump();
  EXPECT_EQ(e["code"], "unavailable");
  EXPECT_EQ(http_request(n1.port(), "GET", "/healthz")->status, 503);
  EXPECT_TRUE(n1.wait_for_log("event=redis_down", 5s));
  ASSERT_TRUE(redis_.start());  // an empty Redis: nothing survived in it
  ASSERT_TRUE(db_.wait_up(15s));
  ASSERT_TRUE(n1.wait_for_log("event=pool_available rejoined=1", 15s)) << n1.log();
  EXPECT_EQ(http_request(n1.port(), "GET", "/healthz")->status, 200);
  // a was searching: it was put back in the queue, and meets the next one to come.
  ws_client b = open(n1);
  ASSERT_TRUE(b.send_json(join_message()));
  expect_matched(a, "initiator");
  expect_matched(b, "responder");
}

TEST_F(shared_pool_test, online_counts_everyone_on_every_node) {
  auto& n1 = node("n1");
  auto& n2 = node("n2");
  ws_client a = open(n1);
  ws_client b = open(n2);
  ws_client c = open(n2);
  // The next heartbeats carry the counts; a new connection's welcome then says 3.
  std::this_thread::sleep_for(4500ms);  // two heartbeat periods: waiting for state, not timing
  ws_client d(n1.port());
  const auto welcome = d.next(5s, false);
  ASSERT_EQ(welcome["type"], "welcome") << welcome.dump();
  EXPECT_GE(welcome["online"].get<int>(), 3);
}

// 200 clients over 3 nodes join at once, then half of them press Next at random, at once. After
// that: every pairing is mutual (Redis's view and what the clients were told agree, and an offer
// from each initiator reaches exactly the responder that answers it), nobody is paired twice, and
// nobody who could be paired still waits.
TEST_F(shared_pool_test, two_hundred_clients_on_three_nodes_pair_mutually_under_concurrency) {
  constexpr int count = 200;
  constexpr int workers = 8;
  std::vector<server_process*> nodes = {&node("n1"), &node("n2"), &node("n3")};
  std::vector<std::unique_ptr<ws_client>> c(count);
  struct view {
    bool paired = false;
    bool initiator = false;
  };
  std::vector<view> views(count);
  const auto in_parallel = [&](auto&& work) {
    std::vector<std::thread> ts;
    for (int w = 0; w < workers; ++w)
      ts.emplace_back([&, w] {
        for (int i = w; i < count; i += workers) work(i);
      });
    for (auto& t : ts) t.join();
  };
  // What the client was told, in order: the last word counts. Left by a stranger, it searches
  // again at once, as the real client does.
  std::atomic<int> reacted{0};
  const auto drain = [&](int i, std::chrono::milliseconds wait) {
    while (auto text = c[i]->next_text(wait)) {
      const auto m = json::parse(*text);
      if (m["type"] == "matched") {
        views[i] = {true, m["role"] == "initiator"};
      } else if (m["type"] == "partner_left") {
        views[i] = {};
        ++reacted;
        ASSERT_TRUE(c[i]->send(R"({"type":"next"})"));
      } else {
        ADD_FAILURE() << "client " << i << ": " << m.dump();
      }
    }
  };
  in_parallel([&](int i) { c[i] = std::make_unique<ws_client>(open(*nodes[i % 3])); });
  in_parallel([&](int i) { ASSERT_TRUE(c[i]->send_json(join_message())); });
  std::this_thread::sleep_for(1s);  // let the joins land (what follows re-checks the state)
  std::vector<int> nexters;
  std::mt19937 rng(7);
  for (int i = 0; i < count; ++i)
    if (rng() % 2) nexters.push_back(i);
  in_parallel([&](int i) {
    drain(i, 50ms);
    if (std::find(nexters.begin(), nexters.end(), i) != nexters.end()) {
      ASSERT_TRUE(c[i]->send(R"({"type":"next"})"));
      views[i] = {};
    }
  });
  // Until quiet: nobody was left by a stranger in the last round (each such one searched again)
  // and the queue stopped changing (ticks pair whoever the skip rule held back).
  for (int round = 0; round < 30; ++round) {
    std::this_thread::sleep_for(500ms);
    reacted = 0;
    in_parallel([&](int i) { drain(i, 100ms); });
    if (reacted == 0) break;
  }

  // Redis: mutual, and at most one waits (all video, no interests, nobody blocked).
  const auto keys = db_.run({"KEYS", "nt:c:*"});
  int paired_in_redis = 0;
  for (const auto& k : keys.elements) {
    const auto gid = k.str.substr(5);
    const auto partner = db_.run({"HGET", k.str, "partner"});
    if (partner.type == redis::reply::kind::nil) {
      EXPECT_NE(db_.run({"ZSCORE", "nt:q", gid}).type, redis::reply::kind::nil)
          << gid << " is neither paired nor waiting";
      continue;
    }
    ++paired_in_redis;
    EXPECT_EQ(db_.run({"HGET", "nt:c:" + partner.str, "partner"}).str, gid) << "not mutual";
  }
  EXPECT_LE(waiting(), 1);
  EXPECT_EQ(paired_in_redis + waiting(), count);
  int paired_by_view = 0;
  for (const auto& v : views) paired_by_view += v.paired ? 1 : 0;
  EXPECT_EQ(paired_by_view, paired_in_redis) << "clients were told something else than Redis holds";

  // Every initiator's offer reaches one responder, whose answer comes back to it: the pairs the
  // clients believe in are the ones the relay uses, both ways.
  in_parallel([&](int i) {
    if (views[i].paired && views[i].initiator)
      ASSERT_TRUE(c[i]->send_json({{"type", "webrtc_offer"}, {"sdp", std::to_string(i)}}));
  });
  std::vector<int> offer_from(count, -1);
  in_parallel([&](int i) {
    if (!views[i].paired || views[i].initiator) return;
    const auto m = c[i]->next(10s);
    ASSERT_EQ(m["type"], "webrtc_offer") << m.dump();
    offer_from[i] = std::stoi(m["sdp"].get<std::string>());
    ASSERT_TRUE(c[i]->send_json({{"type", "webrtc_answer"}, {"sdp", std::to_string(i)}}));
  });
  std::vector<int> answer_from(count, -1);
  in_parallel([&](int i) {
    if (!views[i].paired || !views[i].initiator) return;
    const auto m = c[i]->next(10s);
    ASSERT_EQ(m["type"], "webrtc_answer") << m.dump();
    answer_from[i] = std::stoi(m["sdp"].get<std::string>());
  });
  for (int i = 0; i < count; ++i) {
    if (!views[i].paired || !views[i].initiator) continue;
    ASSERT_GE(answer_from[i], 0);
    EXPECT_EQ(offer_from[answer_from[i]], i) << "initiator " << i;
  }
}

// Clients "behind a proxy" (--trusted-proxies 127.0.0.1) with addresses of their own: three
// addresses report, on node A, a client of node B; B's client is banned at once, and the ban
// holds on A too (a new tab there). Redis holds keys of addresses, never an address.
TEST_F(shared_pool_test, reports_on_one_node_ban_an_address_on_another) {
  const std::vector<std::string> proxied = {"--trusted-proxies", "127.0.0.1"};
  auto& a = node("na", proxied);
  auto& b = node("nb", proxied);
  const auto at = [](const server_process& n, const std::string& ip) {
    ws_client c(n.port(), 5s, std::nullopt, {{"X-Forwarded-For", ip}});
    EXPECT_TRUE(c.connected());
    EXPECT_EQ(c.next(5s, false)["type"], "welcome");
    return c;
  };
  ws_client target = at(b, "203.0.113.9");
  for (const char* ip : {"198.51.100.1", "198.51.100.2", "198.51.100.3"}) {
    join_and_wait(target);
    ws_client reporter = at(a, ip);
    ASSERT_TRUE(reporter.send_json(join_message()));
    expect_matched(target, "initiator");
    expect_matched(reporter, "responder");
    ASSERT_TRUE(reporter.send_json({{"type", "report"}, {"reason", "spam"}}));
    auto heard = target.next(10s);
    if (std::string(ip) == "198.51.100.3") {
      // The third: banned at once, then the call ends.
      EXPECT_EQ(heard["code"], "banned") << heard.dump();
      EXPECT_EQ(heard["retry_after"], 3600);
      heard = target.next(10s);
    }
    EXPECT_EQ(heard, json({{"type", "partner_left"}, {"reason", "next"}}));
    // The reporter searched again; it goes, and the queue is empty for the next one.
    reporter.close();
    for (int i = 0; i < 1000 && waiting() != 0; ++i) std::this_thread::sleep_for(10ms);
    ASSERT_EQ(waiting(), 0);
  }
  ASSERT_TRUE(target.send_json(join_message()));
  const auto refused = target.next(10s);
  EXPECT_EQ(refused["code"], "banned") << refused.dump();
  EXPECT_GE(refused["retry_after"].get<int>(), 3590);
  EXPECT_EQ(waiting(), 0);
  // A new tab of that address, on the other node: refused as well.
  ws_client tab = at(a, "203.0.113.9");
  ASSERT_TRUE(tab.send_json(join_message()));
  EXPECT_EQ(tab.next(10s)["code"], "banned");
  EXPECT_EQ(waiting(), 0);
  // Someone else on A still gets in the queue.
  ws_client other = at(a, "192.0.2.7");
  join_and_wait(other);

  // What Redis holds: a ban and the shared day keys, by key; never an address.
  EXPECT_EQ(db_.run({"KEYS", "nt:ban:*"}).elements.size(), 1u);
  EXPECT_EQ(db_.run({"KEYS", "nt:dk:*"}).elements.size(), 3u);
  for (const auto& k : db_.run({"KEYS", "*"}).elements) {
    EXPECT_EQ(k.str.find("203.0.113"), std::string::npos) << k.str;
    EXPECT_EQ(k.str.find("198.51.100"), std::string::npos) << k.str;
  }
  for (auto* n : {&a, &b}) {
    EXPECT_EQ(n->log().find("203.0.113"), std::string::npos);
    EXPECT_EQ(n->log().find("198.51.100"), std::string::npos);
  }
}

// A node on a shared pool cannot hand a queued offer over (a match is learnt later, perhaps on
// another node): it does not offer the feature, and answers one like a server that never heard
// of it, delivering it to nobody.
TEST_F(shared_pool_test, nodes_do_not_offer_the_queued_offer) {
  auto& n1 = node("n1");
  ws_client a(n1.port());
  auto w = a.next(5s);
  ASSERT_EQ(w["type"], "welcome") << w.dump();
  EXPECT_FALSE(w.contains("features")) << w.dump();
  ws_client b = open(n1);
  join_and_wait(a);
  ASSERT_TRUE(a.send(R"({"type":"queued_offer","sdp":"v=0"})"));
  auto e = a.next();
  EXPECT_EQ(e["type"], "error");
  EXPECT_EQ(e["code"], "bad_message");
  ASSERT_TRUE(b.send_json(join_message()));
  auto m = a.next(10s);
  ASSERT_EQ(m["type"], "matched") << m.dump();
  EXPECT_FALSE(m.contains("offer_sent"));
  expect_matched(b, "responder");
  expect_nothing_pending(b);
}

}  // namespace
}  // namespace novatalk::server::test
