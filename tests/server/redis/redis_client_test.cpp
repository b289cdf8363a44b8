// server/redis/redis_client against a real redis-server on loopback: replies of every kind,
// pub/sub in order, and an outage (SIGKILL, then a restart on the same port) survived by itself.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "server/redis/redis_client.hpp"
#include "tests/server/redis_process.hpp"

namespace novatalk::server::redis {
namespace {

using namespace std::chrono_literals;
using test::redis_process;

// An io_context on its own thread, and a client on it whose up/down changes can be awaited.
class redis_client_test : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(redis_.started()) << "redis-server did not start";
    auto ep = std::get<endpoint>(parse_url(redis_.url()));
    client_ = make(ep);
    client_->start();
    ASSERT_TRUE(wait_state(true));
  }
  void TearDown() override {
    for (auto& c : clients_) c->stop();
    work_.reset();
    runner_.join();
  }

  std::shared_ptr<client> make(const endpoint& ep) {
    auto c = std::make_shared<client>(
        ioc_.get_executor(), ep, "test",
        client::callbacks{[this] { set_state(true); },
                          [this](const std::string&) { set_state(false); }});
    clients_.push_back(c);
    return c;
  }
  void set_state(bool up) {
    std::lock_guard<std::mutex> lock(mutex_);
    up_ = up;
    ++changes_;
    changed_.notify_all();
  }
  bool wait_state(bool up, std::chrono::seconds timeout = 10s) {
    std::unique_lock<std::mutex> lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return up_ == up; });
  }
  reply run(std::vector<std::string> args) {
    std::promise<reply> p;
    auto f = p.get_future();
    client_->command(std::move(args), [&p](reply r) { p.set_value(std::move(r)); });
    if (f.wait_for(10s) != std::future_status::ready) return reply::failure("test: no reply");
    return f.get();
  }

  redis_process redis_;
  net::io_context ioc_;
  net::executor_work_guard<net::io_context::executor_type> work_{ioc_.get_executor()};
  std::thread runner_{[this] { ioc_.run(); }};
  std::vector<std::shared_ptr<client>> clients_;
  std::shared_ptr<client> client_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool up_ = false;
  int changes_ = 0;
};

TEST_F(redis_client_test, replies_of_every_kind) {
  EXPECT_EQ(run({"SET", "k", std::string("a\0b", 3)}).type, reply::kind::status);
  const reply got = run({"GET", "k"});
  EXPECT_EQ(got.type, reply::kind::string);
  EXPECT_EQ(got.str, std::string("a\0b", 3));  // binary-safe
  EXPECT_EQ(run({"GET", "missing"}).type, reply::kind::nil);
  const reply n = run({"INCRBY", "n", "41"});
  EXPECT_EQ(n.type, reply::kind::integer);
  EXPECT_EQ(n.integer, 41);
  run({"RPUSH", "l", "x", "y"});
  const reply l = run({"LRANGE", "l", "0", "-1"});
  ASSERT_EQ(l.type, reply::kind::array);
  ASSERT_EQ(l.elements.size(), 2u);
  EXPECT_EQ(l.elements[1].str, "y");
  const reply e = run({"INCR", "k"});
  EXPECT_FALSE(e.ok());
  EXPECT_NE(e.str.find("not an integer"), std::string::npos) << e.str;
  // A Lua script: how the shared pool will claim pairs atomically.
  const reply s =
      run({"EVAL", "return redis.call('INCR', KEYS[1]) + tonumber(ARGV[1])", "1", "n", "100"});
  EXPECT_EQ(s.integer, 142);
}

TEST_F(redis_client_test, published_messages_arrive_in_order) {
  constexpr int count = 2000;
  auto sub = make(std::get<endpoint>(parse_url(redis_.url())));
  std::mutex m;
  std::condition_variable cv;
  std::vector<std::string> got;
  sub->subscribe("chan", [&](std::string payload) {
    std::lock_guard<std::mutex> lock(m);
    got.push_back(std::move(payload));
    cv.notify_all();
  });
  sub->start();
  // Subscribed once a publish reaches one receiver.
  for (int i = 0; i < 200 && run({"PUBLISH", "chan", "probe"}).integer == 0; ++i)
    std::this_thread::sleep_for(20ms);
  {
    std::lock_guard<std::mutex> lock(m);
    got.clear();
  }
  for (int i = 0; i < count; ++i) client_->command({"PUBLISH", "chan", std::to_string(i)});
  std::unique_lock<std::mutex> lock(m);
  // Late "probe"s may still arrive first; what matters is the numbered ones.
  ASSERT_TRUE(cv.wait_for(lock, 20s,
                          [&] { return !got.empty() && got.back() == std::to_string(count - 1); }));
  std::vector<std::string> numbered;
  for (auto& s : got)
    if (s != "probe") numbered.push_back(s);
  ASSERT_EQ(numbered.size(), std::size_t{count});
  for (int i = 0; i < count; ++i) EXPECT_EQ(numbered[i], std::to_string(i));
}

TEST_F(redis_client_test, an_outage_fails_commands_then_heals_by_itself) {
  redis_.kill_now();
  ASSERT_TRUE(wait_state(false));
  const reply down = run({"PING"});
  EXPECT_FALSE(down.ok());
  EXPECT_EQ(down.str, "redis unavailable");
  ASSERT_TRUE(redis_.start());
  ASSERT_TRUE(wait_state(true, 15s));
  EXPECT_EQ(run({"PING"}).str, "PONG");
}

TEST_F(redis_client_test, a_server_that_is_not_there_yet_is_waited_for) {
  redis_process later;
  ASSERT_TRUE(later.started());
  const auto port = later.port();
  later.kill_now();
  auto c = make(endpoint{"127.0.0.1", port, 0});
  {
    std::lock_guard<std::mutex> lock(mutex_);
    up_ = false;
  }
  c->start();
  std::this_thread::sleep_for(300ms);  // a few refused attempts (not an assertion on time)
  EXPECT_FALSE(c->up());
  ASSERT_TRUE(later.start());
  ASSERT_TRUE(wait_state(true, 15s));
  EXPECT_TRUE(c->up());
}

TEST(redis_url, parses_and_refuses) {
  auto ep = std::get<endpoint>(parse_url("redis://10.0.0.5:6380/3"));
  EXPECT_EQ(ep.host, "10.0.0.5");
  EXPECT_EQ(ep.port, 6380);
  EXPECT_EQ(ep.db, 3);
  ep = std::get<endpoint>(parse_url("redis://[::1]"));
  EXPECT_EQ(ep.host, "::1");
  EXPECT_EQ(ep.port, 6379);
  ep = std::get<endpoint>(parse_url("redis://cache.internal/"));
  EXPECT_EQ(ep.db, 0);
  for (const char* bad :
       {"http://x", "redis://", "redis://:6379", "redis://h:0", "redis://h:70000", "redis://h:x",
        "redis://u:p@h", "redis://h/abc", "redis://[::1", "redis://h:"})
    EXPECT_TRUE(std::holds_alternative<std::string>(parse_url(bad))) << bad;
}

}  // namespace
}  // namespace novatalk::server::redis
