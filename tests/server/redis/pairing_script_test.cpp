// server/redis/pairing.lua must be the C++ matchmaker's rules, exactly: the same random
// operations (join with random modes and interests, next, leave, report, disconnect, tick, time
// passing) go to core/pairing/matchmaker and to the script in a real redis-server, and after
// every one the outcomes, the queue and every pairing must be equal. Plus what only the script
// does: notifications on the nodes' channels, and reaping a dead node's clients. The bans after
// reports likewise: the same random operations, with address keys that rotate, go to
// server/memory_pool (core/moderation/report_bans) and to the script, and every event must match.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <sstream>

#include "core/pairing/matchmaker.hpp"
#include "server/memory_pool.hpp"
#include "server/redis/pairing_script.hpp"
#include "tests/server/redis/sync_redis.hpp"
#include "tests/server/redis_process.hpp"

namespace novatalk::server::redis {
namespace {

using namespace std::chrono_literals;
namespace p = protocol;

constexpr int interest_wait_ms = 2000;
constexpr int client_count = 7;

std::vector<pairing::client_id> all_clients() {
  std::vector<pairing::client_id> ids;
  for (pairing::client_id c = 1; c <= client_count; ++c) ids.push_back(c);
  return ids;
}

std::string gid(pairing::client_id id) {
  return std::string(id % 2 ? "a" : "b") + "/" + std::to_string(id);
}

// Events joined in order; a run of B (the clients of one banned address, in no set order) sorted.
std::string items_text(std::vector<std::string> items) {
  for (std::size_t i = 0; i < items.size();) {
    std::size_t j = i;
    while (j < items.size() && items[j].rfind("B ", 0) == 0) ++j;
    std::sort(items.begin() + static_cast<std::ptrdiff_t>(i),
              items.begin() + static_cast<std::ptrdiff_t>(j));
    i = j == i ? i + 1 : j;
  }
  std::string out;
  for (const auto& s : items) out += s;
  return out;
}

// An `M` channel message with its pairing id (random) replaced by "P"; the id into `pid`.
std::string masked(const std::string& msg, std::string* pid = nullptr) {
  if (msg.rfind("M\n", 0) != 0) return msg;
  std::size_t at = 0;
  for (int i = 0; i < 5 && at != std::string::npos; ++i) at = msg.find('\n', at) + 1;
  const auto end = msg.find('\n', at);
  if (pid) *pid = msg.substr(at, end - at);
  return msg.substr(0, at) + "P" + (end == std::string::npos ? "" : msg.substr(end));
}

class pairing_script_test : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(redis_.started());
    ASSERT_TRUE(db_.wait_up());
    db_.run({"FLUSHALL"});
  }

  // The script run as a node runs it: the op, the time, the interest wait, then the op's arguments.
  reply run_script(const std::vector<std::string>& args, std::int64_t now_ms) {
    std::vector<std::string> cmd = {
        "EVAL",  pairing_script,         "0",
        args[0], std::to_string(now_ms), std::to_string(interest_wait_ms)};
    cmd.insert(cmd.end(), args.begin() + 1, args.end());
    return db_.run(cmd);
  }

  // The script's outcome, in the matchmaker's shape (left first, then matches; each in order).
  std::string eval(std::vector<std::string> args, std::int64_t now_ms) {
    const reply r = run_script(args, now_ms);
    EXPECT_EQ(r.type, reply::kind::array) << r.str;
    std::ostringstream left, matches;
    for (std::size_t i = 0; i < r.elements.size();) {
      if (r.elements[i].str == "L") {
        left << "L " << r.elements[i + 1].str << ' ' << r.elements[i + 2].str << ';';
        i += 3;
      } else if (r.elements[i].str == "B") {
        ADD_FAILURE() << "a ban in a test without bans";
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

  // The whole state, not just what a step said: the queue in order, and the partner of each of
  // `ids` (fatal on the first difference: call it under ASSERT_NO_FATAL_FAILURE).
  void expect_same_state(const pairing::matchmaker& mm, const std::vector<pairing::client_id>& ids,
                         const std::string& where) {
    const reply q = db_.run({"ZRANGE", "nt:q", "0", "-1"});
    std::vector<std::string> queue;
    for (const auto& e : q.elements) queue.push_back(e.str);
    std::vector<std::string> mm_queue;
    for (auto w : mm.waiting_ids()) mm_queue.push_back(gid(w));
    ASSERT_EQ(queue, mm_queue) << where;
    for (const pairing::client_id c : ids) {
      const reply partner = db_.run({"HGET", "nt:c:" + gid(c), "partner"});
      const auto mm_partner = mm.partner_of(c);
      ASSERT_EQ(partner.type == reply::kind::nil ? std::string("-") : partner.str,
                mm_partner ? gid(*mm_partner) : std::string("-"))
          << where << " partner of " << gid(c);
    }
  }

  // One random operation of the differential runs with bans, done by `pool` for `id` (what: 0-2
  // join with some of `tags`, 3 next, 4 leave, 5-6 report, 7 disconnect, 8 and up tick); returns
  // the same operation as the script's arguments. A join's preferences also go to *joined_prefs.
  static std::vector<std::string> random_operation(
      int what, std::mt19937& rng, memory_pool& pool, pairing::client_id id,
      const moderation::address& from, pairing::time_point now,
      const std::vector<std::string>& tags, const std::vector<std::string>& ban_args,
      pool_events& events, pairing::preferences* joined_prefs = nullptr) {
    std::vector<std::string> args;
    if (what <= 2) {
      pairing::preferences prefs;
      std::string joined;
      for (const auto& t : tags) {
        if (std::uniform_int_distribution<int>(0, 3)(rng) == 0) {
          prefs.interests.push_back(t);
          joined += (joined.empty() ? "" : "\n") + t;
        }
      }
      if (joined_prefs) *joined_prefs = prefs;
      pool.join(id, prefs, from, now, events);
      args = {"join", gid(id), p::to_string(prefs.mode), joined, ""};
      args.insert(args.end(), ban_args.begin(), ban_args.end());
    } else if (what <= 3) {
      pool.next(id, from, now, events);
      args = {"next", gid(id), ""};
      args.insert(args.end(), ban_args.begin(), ban_args.end());
    } else if (what == 4) {
      pool.leave(id, now, events);
      args = {"leave", gid(id)};
    } else if (what <= 6) {
      pool.report(id, from, now, events);
      args = {"report", gid(id), ""};
      args.insert(args.end(), ban_args.begin(), ban_args.end());
    } else if (what == 7) {
      pool.disconnect(id, now, events);
      args = {"disconnect", gid(id)};
    } else {
      pool.tick(now, events);
      args = {"tick"};
    }
    return args;
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
      ASSERT_NO_FATAL_FAILURE(expect_same_state(mm, all_clients(), where));
    }
  }
}

// The script's events in the order it ran them, as "L to reason;", "M initiator responder
// [common];", "B to seconds;" (a run of B, one per client of a banned address, sorted).
std::string in_order(const reply& r) {
  std::vector<std::string> items;
  for (std::size_t i = 0; i < r.elements.size();) {
    const auto& k = r.elements[i].str;
    if (k == "L" || k == "B") {
      items.push_back(k + " " + r.elements[i + 1].str + " " + r.elements[i + 2].str + ";");
      i += 3;
    } else {
      std::string common = r.elements[i + 3].str;
      for (auto& c : common)
        if (c == '\n') c = ',';
      items.push_back("M " + r.elements[i + 1].str + " " + r.elements[i + 2].str + " [" + common +
                      "];");
      i += 4;
    }
  }
  return items_text(items);
}

std::string in_order(const pool_events& events) {
  std::vector<std::string> items;
  for (const auto& e : events) {
    if (e.type == pool_event::kind::partner_left) {
      items.push_back("L " + gid(e.to) + " " + p::to_string(e.reason) + ";");
    } else if (e.type == pool_event::kind::banned) {
      items.push_back("B " + gid(e.to) + " " + std::to_string(e.retry_after) + ";");
    } else if (e.type == pool_event::kind::matched && e.role == p::role::initiator) {
      std::string common;
      for (const auto& c : e.common) common += (common.empty() ? "" : ",") + c;
      items.push_back("M " + gid(e.to) + " " + gid(e.stranger) + " [" + common + "];");
    }
  }
  return items_text(items);
}

TEST_F(pairing_script_test, random_operations_with_bans_give_the_same_outcomes_as_the_memory_pool) {
  const std::vector<std::string> tags = {"music", "chess"};
  constexpr int ban_reports = 2;  // low, so that bans start often
  constexpr int ban_ms = 120000;
  int bans_seen = 0;
  int refusals_seen = 0;
  for (unsigned seed = 1; seed <= 6; ++seed) {
    db_.run({"FLUSHALL"});
    std::mt19937 rng(seed);
    memory_pool pool(pairing::config{std::chrono::milliseconds(interest_wait_ms)},
                     moderation::ban_config{ban_reports, std::chrono::seconds(ban_ms / 1000), 1h});
    const auto epoch = pairing::time_point{} + 1000h;
    std::int64_t now_ms = 1'000'000;
    int day = 1;
    // Seven clients at four addresses (some share one, like tabs or a carrier NAT); each
    // address has a key per day, and a request carries today's and yesterday's.
    const auto keys_of = [&](pairing::client_id id) {
      const std::string at = std::to_string(id % 4);
      return moderation::address{"d" + std::to_string(day) + "-" + at,
                                 "d" + std::to_string(day - 1) + "-" + at};
    };
    for (int step = 0; step < 800; ++step) {
      const int jump = std::uniform_int_distribution<int>(0, 39)(rng);
      if (jump == 0) now_ms += 25 * 60 * 1000;  // windows and bans lapse
      else if (jump == 1) ++day;                // midnight: every address gets a new key
      else if (jump < 12) now_ms += std::uniform_int_distribution<int>(0, 2500)(rng);
      const auto now = epoch + std::chrono::milliseconds(now_ms);
      const pairing::client_id id =
          std::uniform_int_distribution<pairing::client_id>(1, client_count)(rng);
      const auto from = keys_of(id);
      const std::vector<std::string> ban_args = {from.current, from.previous,
                                                 std::to_string(ban_reports),
                                                 std::to_string(ban_ms)};
      const int what = std::uniform_int_distribution<int>(0, 9)(rng);
      pool_events events;
      const std::vector<std::string> args =
          random_operation(what, rng, pool, id, from, now, tags, ban_args, events);
      const reply r = run_script(args, now_ms);
      ASSERT_EQ(r.type, reply::kind::array) << r.str;
      const std::string where = "seed " + std::to_string(seed) + " step " + std::to_string(step) +
                                " " + args[0] + " " + gid(id) + " day " + std::to_string(day);
      const std::string got = in_order(r);
      ASSERT_EQ(got, in_order(events)) << where;
      if (got.find("B ") != std::string::npos) {
        if (args[0] == "report" && got.find("B " + gid(id) + " ") == std::string::npos) ++bans_seen;
        else ++refusals_seen;
      }
      ASSERT_NO_FATAL_FAILURE(expect_same_state(pool.matchmaker(), all_clients(), where));
    }
  }
  // The run must have exercised what it compares.
  EXPECT_GT(bans_seen, 5);
  EXPECT_GT(refusals_seen, 20);
}

// Resume compared: a client in a call whose socket is lost and who comes back on a new
// connection is memory_pool::rename (matchmaker::rename) in one process, and ops away + takeover
// in the script; with the same random joins, skips, reports (bans included), disconnects and
// ticks around them, every event, the queue and every pairing must stay equal. A client is a
// slot whose current id changes with each resume.
TEST_F(pairing_script_test,
       random_operations_with_resumes_give_the_same_outcomes_as_the_memory_pool) {
  const std::vector<std::string> tags = {"music", "chess"};
  constexpr int ban_reports = 2;
  constexpr int ban_ms = 120000;
  int resumes_seen = 0;
  for (unsigned seed = 1; seed <= 6; ++seed) {
    db_.run({"FLUSHALL"});
    std::mt19937 rng(seed + 100);
    memory_pool pool(pairing::config{std::chrono::milliseconds(interest_wait_ms)},
                     moderation::ban_config{ban_reports, std::chrono::seconds(ban_ms / 1000), 1h});
    const auto epoch = pairing::time_point{} + 1000h;
    std::int64_t now_ms = 1'000'000;
    std::vector<pairing::client_id> cur(client_count + 1);
    for (int i = 1; i <= client_count; ++i) cur[i] = i;
    std::vector<pairing::preferences> prefs_of(client_count + 1);
    for (int step = 0; step < 600; ++step) {
      if (std::uniform_int_distribution<int>(0, 3)(rng) == 0)
        now_ms += std::uniform_int_distribution<int>(0, 2500)(rng);
      const auto now = epoch + std::chrono::milliseconds(now_ms);
      const int slot = std::uniform_int_distribution<int>(1, client_count)(rng);
      const pairing::client_id id = cur[slot];
      const std::string at = std::to_string(slot % 4);
      const moderation::address from{"k-" + at, ""};
      const std::vector<std::string> ban_args = {
          from.current, from.previous, std::to_string(ban_reports), std::to_string(ban_ms)};
      const int what = std::uniform_int_distribution<int>(0, 10)(rng);
      pool_events events;
      std::vector<std::string> args;
      std::string got;
      if (what >= 9) {
        // A resume, when in a call: the same person on a new connection.
        if (!pool.matchmaker().partner_of(id)) continue;
        const pairing::client_id to = id + 10;  // parity kept: same node letter, never reused
        ASSERT_TRUE(pool.rename(id, to, prefs_of[slot]));
        const std::string pid = db_.run({"HGET", "nt:c:" + gid(id), "pid"}).str;
        ASSERT_FALSE(pid.empty()) << "seed " << seed << " step " << step;
        const std::string side = db_.run({"HGET", "nt:p:" + pid, "initiator"}).str == gid(id)
                                     ? "initiator"
                                     : "responder";
        EXPECT_EQ(eval({"away", gid(id), "20000"}, now_ms), "");
        std::string ints;
        for (const auto& t : prefs_of[slot].interests) ints += (ints.empty() ? "" : "\n") + t;
        const reply r =
            run_script({"takeover", pid, side, gid(to), "video", ints, "",
                        "n" + std::to_string(seed) + "-" + std::to_string(step), "60000"},
                       now_ms);
        ASSERT_GE(r.elements.size(), 2u);
        ASSERT_EQ(r.elements[1].str, "ok") << "seed " << seed << " step " << step;
        cur[slot] = to;
        ++resumes_seen;
        args = {"resume", gid(to)};
      } else {
        args = random_operation(what, rng, pool, id, from, now, tags, ban_args, events,
                                &prefs_of[slot]);
        const reply r = run_script(args, now_ms);
        ASSERT_EQ(r.type, reply::kind::array) << r.str;
        got = in_order(r);
      }
      const std::string where = "seed " + std::to_string(seed) + " step " + std::to_string(step) +
                                " " + args[0] + " " + args[1 % args.size()];
      ASSERT_EQ(got, in_order(events)) << where;
      const std::vector<pairing::client_id> present(cur.begin() + 1, cur.end());
      ASSERT_NO_FATAL_FAILURE(expect_same_state(pool.matchmaker(), present, where));
    }
  }
  EXPECT_GT(resumes_seen, 50);  // the run must have exercised what it compares
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
  std::string pid_a, pid_b;
  while (std::chrono::steady_clock::now() < deadline) {
    {
      std::lock_guard<std::mutex> lock(m);
      got.clear();
      for (auto& h : heard)
        if (h.find("probe") == std::string::npos)
          got.push_back(
              masked(h.substr(3), got.empty() ? &pid_a : &pid_b).insert(0, h.substr(0, 3)));
    }
    if (got.size() >= 3) break;
    std::this_thread::sleep_for(10ms);
  }
  const std::vector<std::string> want = {
      "a: M\na/1\ninitiator\nb/2\n0\nP\nmusic",
      "b: M\nb/2\nresponder\na/1\n0\nP\nmusic",
      "a: L\na/1\nnext\n0\nb/2",
  };
  EXPECT_EQ(got, want);
  // One id for the pairing, on both sides; gone from Redis once the pairing ended.
  EXPECT_FALSE(pid_a.empty());
  EXPECT_EQ(pid_a, pid_b);
  EXPECT_EQ(db_.run({"EXISTS", "nt:p:" + pid_a}).integer, 0);
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
      if (h != "probe") got.push_back(masked(h));
  }
  const std::vector<std::string> want = {"M\na/1\ninitiator\nb/2\n7\nP\n", "L\na/1\nleave\n7\nb/2"};
  EXPECT_EQ(got, want);
  EXPECT_EQ(db_.run({"HGET", "nt:c:b/2", "ops"}).str, "4");
}

// Session resume in the script: a lost client in a call is kept away (its stranger hears
// nothing, a reap of its node leaves it alone), a new connection on another node takes its half
// over with the pairing id (once per nonce), its stranger's node hears `S`; `next` then reaches
// the new connection. A grace that runs out tells the stranger `disconnect`.
TEST_F(pairing_script_test, an_away_half_is_taken_over_by_a_new_connection_on_another_node) {
  eval({"join", "a/1", "video", ""}, 0);
  eval({"join", "b/2", "video", ""}, 0);
  const std::string pid = db_.run({"HGET", "nt:c:a/1", "pid"}).str;
  ASSERT_FALSE(pid.empty());
  EXPECT_EQ(db_.run({"HGET", "nt:c:b/2", "pid"}).str, pid);
  EXPECT_EQ(db_.run({"HGET", "nt:p:" + pid, "initiator"}).str, "a/1");
  EXPECT_EQ(eval({"away", "a/1", "20000"}, 100), "");  // b/2 is told nothing
  EXPECT_EQ(eval({"reap", "a", "20000"}, 200), "");    // node a drained and died
  EXPECT_EQ(eval({"tick"}, 20000), "");                // within the grace
  // What b/2 relays meanwhile is held for a/1 (only from its stranger).
  for (const char* text : {"m1", "m2"}) eval({"hold", "a/1", "b/2", text, "1000"}, 20010);
  eval({"hold", "a/1", "x/5", "not from its stranger", "1000"}, 20010);
  EXPECT_EQ(db_.run({"LLEN", "nt:h:a/1"}).integer, 2);
  const auto take = [&](const std::string& side, const std::string& gid, const std::string& nonce,
                        std::int64_t now) {
    const reply r = run_script({"takeover", pid, side, gid, "video", "", "5", nonce, "60000"}, now);
    std::string out;
    for (const auto& e : r.elements) out += e.str + ";";
    return out;
  };
  EXPECT_EQ(take("initiator", "c/9", "n1", 20050), "T;ok;initiator;b/2;;" + pid + ";;m1;m2;");
  EXPECT_EQ(db_.run({"EXISTS", "nt:h:a/1", "nt:hb:a/1"}).integer, 0);
  EXPECT_EQ(db_.run({"GET", "nt:fw:a/1"}).str, "c/9");           // a late hold goes on to c/9
  EXPECT_EQ(take("initiator", "c/10", "n1", 20060), "T;used;");  // single use
  EXPECT_EQ(db_.run({"HGET", "nt:c:b/2", "partner"}).str, "c/9");
  EXPECT_EQ(db_.run({"HGET", "nt:c:c/9", "ops"}).str, "5");
  EXPECT_EQ(db_.run({"EXISTS", "nt:c:a/1"}).integer, 0);
  EXPECT_EQ(db_.run({"SISMEMBER", "nt:n:c", "c/9"}).integer, 1);
  EXPECT_EQ(eval({"tick"}, 60000), "");  // no longer away: no grace to run out
  EXPECT_EQ(eval({"next", "b/2"}, 60001), "L c/9 next;");
  EXPECT_EQ(db_.run({"EXISTS", "nt:p:" + pid}).integer, 0);
  EXPECT_EQ(take("initiator", "c/11", "n2", 60002), "T;gone;");
}

// Who avoids a resumed client (they just split up, pairing rule 5) avoids its new gid, as
// matchmaker::rename does (rare in the random comparison, so shown here).
TEST_F(pairing_script_test, a_takeover_moves_who_avoids_the_client) {
  eval({"join", "a/1", "video", ""}, 0);
  eval({"join", "b/2", "video", ""}, 0);
  EXPECT_EQ(eval({"next", "a/1"}, 1), "L b/2 next;");
  EXPECT_EQ(eval({"join", "a/3", "video", ""}, 2), "M a/1 a/3 [];");
  const std::string pid = db_.run({"HGET", "nt:c:a/1", "pid"}).str;
  eval({"away", "a/1", "20000"}, 3);
  const reply r =
      run_script({"takeover", pid, "initiator", "c/9", "video", "", "1", "n1", "60000"}, 4);
  ASSERT_EQ(r.elements.at(1).str, "ok");
  EXPECT_EQ(db_.run({"HGET", "nt:c:b/2", "avoid"}).str, "c/9");
  EXPECT_EQ(db_.run({"HGET", "nt:c:c/9", "avoid"}).str, "b/2");
  EXPECT_EQ(db_.run({"SISMEMBER", "nt:av:b/2", "c/9"}).integer, 1);
}

TEST_F(pairing_script_test, the_stranger_hears_disconnect_when_an_away_grace_ends) {
  eval({"join", "a/1", "video", ""}, 0);
  eval({"join", "b/2", "video", ""}, 0);
  eval({"away", "a/1", "20000"}, 100);
  EXPECT_EQ(eval({"tick"}, 20099), "");
  EXPECT_EQ(eval({"tick"}, 20100), "L b/2 disconnect;");
  EXPECT_EQ(db_.run({"EXISTS", "nt:c:a/1", "nt:away"}).integer, 0);
  // Not in a call, or resume off: gone at once.
  eval({"join", "a/3", "video", ""}, 20200);
  EXPECT_EQ(eval({"join", "b/4", "video", ""}, 20200), "M a/3 b/4 [];");
  EXPECT_EQ(eval({"away", "b/4", "0"}, 20300), "L a/3 disconnect;");
  EXPECT_EQ(eval({"away", "a/3", "20000"}, 20300), "");
  EXPECT_EQ(db_.run({"ZCARD", "nt:q"}).integer, 0);
}

// Past --send-queue-bytes of held messages the grace ends at once (at the next tick), as a full
// send queue closes a connection.
TEST_F(pairing_script_test, holding_too_much_for_an_away_client_ends_its_grace) {
  eval({"join", "a/1", "video", ""}, 0);
  eval({"join", "b/2", "video", ""}, 0);
  eval({"away", "a/1", "20000"}, 100);
  eval({"hold", "a/1", "b/2", "12345", "8"}, 200);
  EXPECT_EQ(eval({"tick"}, 300), "");  // 5 of 8 bytes: still waited for
  eval({"hold", "a/1", "b/2", "6789", "8"}, 400);
  EXPECT_EQ(db_.run({"LLEN", "nt:h:a/1"}).integer, 1);  // not kept
  EXPECT_EQ(eval({"tick"}, 500), "L b/2 disconnect;");
  EXPECT_EQ(db_.run({"EXISTS", "nt:h:a/1", "nt:hb:a/1", "nt:c:a/1"}).integer, 0);
}

TEST_F(pairing_script_test, a_half_resumed_after_its_stranger_left_hears_why) {
  eval({"join", "a/1", "video", ""}, 0);
  eval({"join", "b/2", "video", ""}, 0);
  const std::string pid = db_.run({"HGET", "nt:c:a/1", "pid"}).str;
  eval({"away", "a/1", "20000"}, 100);
  EXPECT_EQ(eval({"leave", "b/2"}, 200), "L a/1 leave;");
  const reply r =
      run_script({"takeover", pid, "initiator", "c/9", "video", "", "1", "n1", "60000"}, 300);
  ASSERT_EQ(r.elements.size(), 7u);
  EXPECT_EQ(r.elements[3].str, "");
  EXPECT_EQ(r.elements[4].str, "leave");
  EXPECT_EQ(r.elements[6].str, "");  // no stranger, so none away
  EXPECT_EQ(db_.run({"EXISTS", "nt:p:" + pid, "nt:away"}).integer, 0);
  EXPECT_EQ(eval({"tick"}, 30000), "");  // nothing left to expire
}

TEST_F(pairing_script_test, an_unknown_operation_is_an_error) {
  const reply r = db_.run({"EVAL", pairing_script, "0", "explode", "0", "1"});
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.str.find("unknown op"), std::string::npos) << r.str;
}

// Both halves lost (their node drained): the first back learns that its stranger is away too, so
// its node relays through op hold (kept, or forwarded once the stranger is back), not to the
// stranger's old node, whose channel nobody reads any more.
TEST_F(pairing_script_test, a_half_resumed_while_its_stranger_is_away_is_told_so) {
  eval({"join", "a/1", "video", ""}, 0);
  eval({"join", "b/2", "video", ""}, 0);
  const std::string pid = db_.run({"HGET", "nt:c:a/1", "pid"}).str;
  eval({"away", "a/1", "20000"}, 100);
  eval({"away", "b/2", "20000"}, 100);
  const reply first =
      run_script({"takeover", pid, "responder", "c/9", "video", "", "1", "n1", "60000"}, 200);
  ASSERT_EQ(first.elements.size(), 7u);
  EXPECT_EQ(first.elements[1].str, "ok");
  EXPECT_EQ(first.elements[3].str, "a/1");
  EXPECT_EQ(first.elements[6].str, "1");
  // What c/9 sends meanwhile is held for a/1, and a/1's return takes it, and is told c/9 is back.
  EXPECT_EQ(eval({"hold", "a/1", "c/9", "m1", "0"}, 300), "");
  const reply second =
      run_script({"takeover", pid, "initiator", "d/3", "video", "", "1", "n2", "60000"}, 400);
  ASSERT_EQ(second.elements.size(), 8u);
  EXPECT_EQ(second.elements[3].str, "c/9");
  EXPECT_EQ(second.elements[6].str, "");
  EXPECT_EQ(second.elements[7].str, "m1");
}

}  // namespace
}  // namespace novatalk::server::redis
