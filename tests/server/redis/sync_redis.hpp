// A redis::client on its own io_context thread, with a blocking `run` for tests that want to
// send a command and look at the reply.
#pragma once

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "server/redis/redis_client.hpp"

namespace novatalk::server::redis::test {

class sync_redis {
 public:
  explicit sync_redis(const endpoint& ep, client::callbacks cb = {}) {
    client_ = std::make_shared<client>(ioc_.get_executor(), ep, "test", std::move(cb));
    client_->start();
  }
  ~sync_redis() {
    client_->stop();
    work_.reset();
    runner_.join();
  }
  client& get() { return *client_; }
  std::shared_ptr<client> shared() { return client_; }
  net::any_io_executor executor() { return ioc_.get_executor(); }

  // Waits (polling) until the connection is up; false after `timeout`.
  bool wait_up(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!client_->up()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
  }
  reply run(std::vector<std::string> args) {
    std::promise<reply> p;
    auto f = p.get_future();
    client_->command(std::move(args), [&p](reply r) { p.set_value(std::move(r)); });
    if (f.wait_for(std::chrono::seconds(10)) != std::future_status::ready)
      return reply::failure("test: no reply");
    return f.get();
  }

 private:
  net::io_context ioc_;
  net::executor_work_guard<net::io_context::executor_type> work_{ioc_.get_executor()};
  std::thread runner_{[this] { ioc_.run(); }};
  std::shared_ptr<client> client_;
};

}  // namespace novatalk::server::redis::test
