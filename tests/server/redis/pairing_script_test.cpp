// server/redis/pairing.lua must be the C++ matchmaker's rules, exactly: the same random
// operations (join with random modes and interests, next, leave, report, disconnect, tick, time
// passing) go to core/pairing/matchmaker and to the script in a real redis-server, and after
// every one the outcomes, the queue and every pairing must be equal. Plus what only the script
// does: notifications on the nodes' channels, and reaping a dead node's clients.
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "core/pairing/matchmaker.hpp"
#include "server/redis/pairing_script.hpp"
#include "tests/server/redis/sync_redis.hpp"
#include "tests/server/redis_process.hpp"

namespace novatalk::server::redis {
namespace {

using namespace std::chrono_literals;
namespace p = protocol;

constexpr int interest_wait_ms = 2000;
constexpr int client_count = 7;

std::string gid(pairing::client_id id) {
  return std::string(id % 2 ? "a" : "b") + "/" + std::to_string(id);
}

class pairing_script_test : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(redis_.started());
    ASSERT_TRUE(db_.wait_up());
    db_.run({"FLUSHALL"});
  }

  // The script's outcome, in the matchmaker's shape (left first, then matches; each in order).
  std::string eval(std::vector<std::string> args, std::int64_t now_ms) {
    std::vector<std::string> cmd = {
        "EVAL",  pairing_script,         "0",
        args[0], std::to_string(now_ms), std::to_string(interest_wait_ms)};
    cmd.insert(cmd.end(), args.begin() + 1, args.end());
    const reply r = db_.run(cmd);
    EXPECT_EQ(r.type, reply::kind::array) << r.str;
    std::ostringstream left, matches;
    for (std::size_t i = 0; i < r.elements.size();) {
      if (r.elements[i].str == "L") {
        left << "L " << r.elements[i + 1].str << ' ' << r.elements[i + 2].str << ';';
        i += 3;
      } else {
        std::string common = r.elements[i + 3].str;
        for (auto& c : common)
          if (c == '\n') c = ',';
        matches << "M " << r.elements[i + 1].str << ' ' << r.elements[i + 2].str << " [" << common
                << "];";
        i += 4;
      }
    }
    return left.str() + matches.str();
  }

  static std::string describe(const pairing::outcome& o) {
    std::ostringstream s;
    for (const auto& l : o.left) s << "L " << gid(l.to) << ' ' << p::to_string(l.reason) << ';';
    for (const auto& m : o.matches) {
      s << "M " << gid(m.initiator) << ' ' << gid(m.responder) << " [";
      for (std::size_t i = 0; i < m.common.size(); ++i) s << (i ? "," : "") << m.common[i];
      s << "];";
    }
    return s.str();
  }

  server::test::redis_process redis_;
  test::sync_redis db_{std::get<endpoint>(parse_url(redis_.url()))};
};

TEST_F(pairing_script_test, random_operations_give_the_same_pairings_as_the_matchmaker) {
  const std::vector<std::string> tags = {"music", "chess", "films"};
  for (unsigned seed = 1; seed <= 6; ++seed) {
    db_.run({"FLUSHALL"});
    std::mt19937 rng(seed);
    pairing::matchmaker mm(pairing::config{std::chrono::milliseconds(interest_wait_ms)});
    const auto epoch = pairing::time_point{} + 1000h;
    std::int64_t now_ms = 1'000'000;
    for (int step = 0; step < 600; ++step) {
      now_ms += std::uniform_int_distribution<int>(0, 3)(rng) == 0
                    ? std::uniform_int_distribution<int>(0, 2500)(rng)
                    : 0;
      const auto now = epoch + std::chrono::milliseconds(now_ms);
      const pairing::client_id id =
          std::uniform_int_distribution<pairing::client_id>(1, client_count)(rng);
      const int what = std::uniform_int_distribution<int>(0, 9)(rng);
      pairing::outcome expected;
      std::string got;
      std::string op;
      if (what <= 2) {
        pairing::preferences prefs;
        prefs.mode = std::uniform_int_distribution<int>(0, 4)(rng) == 0 ? p::chat_mode::text
                                                                        : p::chat_mode::video;
        std::string joined;
        for (const auto& t : tags) {
          if (std::uniform_int_distribution<int>(0, 2)(rng) == 0) {
            prefs.interests.push_back(t);
            joined += (joined.empty() ? "" : "\n") + t;
          }
        }
        op = "join";
        expected = mm.join(id, prefs, now);
        got = eval({"join", gid(id), p::to_string(prefs.mode), joined}, now_ms);
      } else if (what <= 4) {
        op = "next";
        expected = mm.next(id, now);
        got = eval({"next", gid(id)}, now_ms);
      } else if (what == 5) {
        op = "leave";
        expected = mm.leave(id, now);
        got = eval({"leave", gid(id)}, now_ms);
      } else if (what == 6) {
        op = "report";
        expected = mm.report(id, now);
        got = eval({"report", gid(id)}, now_ms);
      } else if (what == 7) {
        op = "disconnect";
        expected = mm.disconnect(id, now);
        got = eval({"disconnect", gid(id)}, now_ms);
      } else {
        op = "tick";
        expected = mm.tick(now);
        got = eval({"tick"}, now_ms);
      }
      const std::string where = "seed " + std::to_string(seed) + " step " + std::to_string(step) +
                                " " + op + " " + gid(id);
      ASSERT_EQ(got, describe(expected)) << where;
      // The whole state, not just what this step said.
      const reply q = db_.run({"ZRANGE", "nt:q", "0", "-1"});
      std::vector<std::string> queue;
      for (const auto& e : q.elements) queue.push_back(e.str);
      std::vector<std::string> mm_queue;
      for (auto w : mm.waiting_ids()) mm_queue.push_back(gid(w));
      ASSERT_EQ(queue, mm_queue) << where;
      for (pairing::client_id c = 1; c <= client_count; ++c) {
        const reply partner = db_.run({"HGET", "nt:c:" + gid(c), "partner"});
        const auto mm_partner = mm.partner_of(c);
        ASSERT_EQ(partner.type == reply::kind::nil ? std::string("-") : partner.str,
                  mm_partner ? gid(*mm_partner) : std::string("-"))
            << where << " partner of " << gid(c);
      }
    }
  }
}

TEST_F(pairing_script_test, nodes_hear_their_clients_events_on_their_channels) {
  test::sync_redis sub{std::get<endpoint>(parse_url(redis_.url()))};
  std::mutex m;
  std::vector<std::string> heard;
  for (const char* node : {"a", "b"}) {
    sub.get().subscribe(std::string("nt:ch:") + node, [&, node](std::string msg) {
      std::lock_guard<std::mutex> lock(m);
      heard.push_back(std::string(node) + ": " + msg);
    });
  }
  ASSERT_TRUE(sub.wait_up());
  // Subscribed once a publish reaches a receiver.
  for (int i = 0; i < 200 && db_.run({"PUBLISH", "nt:ch:a", "probe"}).integer == 0; ++i)
    std::this_thread::sleep_for(10ms);
  eval({"join", "a/1", "video", "music"}, 0);
  eval({"join", "b/2", "video", "music\nchess"}, 0);
  eval({"next", "b/2"}, 10);
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  std::vector<std::string> got;
  while (std::chrono::steady_clock::now() < deadline) {
    {
      std::lock_guard<std::mutex> lock(m);
      got.clear();
      for (auto& h : heard)
        if (h.find("probe") == std::string::npos) got.push_back(h);
    }
    if (got.size() >= 3) break;
    std::this_thread::sleep_for(10ms);
  }
  const std::vector<std::string> want = {
      "a: M\na/1\ninitiator\nb/2\n0\nmusic",
      "b: M\nb/2\nresponder\na/1\n0\nmusic",
      "a: L\na/1\nnext\n0\nb/2",
  };
  EXPECT_EQ(got, want);
}

TEST_F(pairing_script_test, reaping_a_dead_node_frees_its_queue_places_and_tells_its_strangers) {
  eval({"join", "dead/1", "video", ""}, 0);
  eval({"join", "live/2", "video", ""}, 0);  // paired with dead/1
  eval({"join", "dead/3", "video", ""}, 0);  // waiting
  EXPECT_EQ(eval({"reap", "dead"}, 5), "L live/2 disconnect;");
  EXPECT_EQ(db_.run({"ZCARD", "nt:q"}).integer, 0);
  EXPECT_EQ(db_.run({"EXISTS", "nt:n:dead", "nt:c:dead/1", "nt:c:dead/3"}).integer, 0);
  // live/2 is still known and can search again.
  EXPECT_EQ(eval({"next", "live/2"}, 6), "");
  EXPECT_EQ(db_.run({"ZRANGE", "nt:q", "0", "-1"}).elements.at(0).str, "live/2");
}

TEST_F(pairing_script_test, events_carry_the_number_of_the_last_request_redis_ran) {
  test::sync_redis sub{std::get<endpoint>(parse_url(redis_.url()))};
  std::mutex m;
  std::vector<std::string> heard;
  sub.get().subscribe("nt:ch:a", [&](std::string msg) {
    std::lock_guard<std::mutex> lock(m);
    heard.push_back(std::move(msg));
  });
  ASSERT_TRUE(sub.wait_up());
  for (int i = 0; i < 200 && db_.run({"PUBLISH", "nt:ch:a", "probe"}).integer == 0; ++i)
    std::this_thread::sleep_for(10ms);
  eval({"join", "a/1", "video", "", "7"}, 0);
  eval({"join", "b/2", "video", "", "3"}, 0);
  eval({"leave", "b/2", "4"}, 1);
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  std::vector<std::string> got;
  while (std::chrono::steady_clock::now() < deadline && got.size() < 2) {
    std::this_thread::sleep_for(10ms);
    std::lock_guard<std::mutex> lock(m);
    got.clear();
    for (auto& h : heard)
      if (h != "probe") got.push_back(h);
  }
  const std::vector<std::string> want = {"M\na/1\ninitiator\nb/2\n7\n", "L\na/1\nleave\n7\nb/2"};
  EXPECT_EQ(got, want);
  EXPECT_EQ(db_.run({"HGET", "nt:c:b/2", "ops"}).str, "4");
}

TEST_F(pairing_script_test, an_unknown_operation_is_an_error) {
  const reply r = db_.run({"EVAL", pairing_script, "0", "explode", "0", "1"});
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.str.find("unknown op"), std::string::npos) << r.str;
}

}  // namespace
}  // namespace novatalk::server::redis
