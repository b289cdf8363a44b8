// The connections of one run, spread over the worker threads, opened a window at a time (a
// burst of 20,000 SYNs would overflow the server's accept backlog), and the run's error tally.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <nlohmann/json.hpp>

#include "tools/loadgen/connection.hpp"
#include "tools/loadgen/options.hpp"
#include "tools/loadgen/worker_pool.hpp"

namespace novatalk::loadgen {

class fleet {
 public:
  fleet(const options& o, connection_listener& listener);
  ~fleet();  // stops the threads before the connections go

  // Creates `count` connections (index i runs on thread i % threads) and starts the first
  // `window`; each settled() starts another.
  void open(std::size_t count, unsigned window);
  // A connection opened or failed before opening: room for the next one.
  void settled();
  std::size_t threads() const { return pool_.size(); }
  boost::asio::io_context& context(std::size_t thread) { return pool_.at(thread); }
  std::size_t thread_of(const connection& c) const { return c.index() % pool_.size(); }
  connection& at(std::size_t i) { return *conns_[i]; }
  std::size_t size() const { return conns_.size(); }
  // Runs `f` on every worker thread (and waits for none of them).
  void on_each_thread(const std::function<void(std::size_t thread)>& f);

  // Errors: counted by kind ("closed", "error:not_matched", ...). Thread-safe.
  void error(const std::string& kind);
  std::uint64_t errors() const { return errors_.load(); }
  // Writes "errors" (the count) and "error_kinds" into a report.
  void report_errors(nlohmann::json& report) const;

  // Now plus `seconds`, as a steady_clock time point (the whole run's timeout).
  static std::chrono::steady_clock::time_point deadline_after(double seconds) {
    return std::chrono::steady_clock::now() +
           std::chrono::duration_cast<std::chrono::steady_clock::duration>(
               std::chrono::duration<double>(seconds));
  }

  // Stops the worker threads (idempotent): afterwards the scenario's per-thread state may be
  // read from the calling thread.
  void shutdown() { pool_.stop(); }

  // When the run ends: failures from then on are the run's own closing, not errors.
  void stopping() { stopping_.store(true); }
  bool is_stopping() const { return stopping_.load(); }

 private:
  void start_one(std::size_t i);

  const options& options_;
  connection_listener& listener_;
  std::vector<boost::asio::ip::tcp::endpoint> servers_;
  unsigned sources_ = 1;
  worker_pool pool_;
  std::vector<std::shared_ptr<connection>> conns_;
  std::atomic<std::size_t> next_start_{0};
  std::atomic<std::uint64_t> errors_{0};
  std::atomic<bool> stopping_{false};
  mutable std::mutex kinds_mutex_;
  std::map<std::string, std::uint64_t> kinds_;
};

// The usual reactions of a scenario to its connections: an opened one makes room for the next,
// a failure while the run lasts is an error. Scenarios override what they count differently.
class fleet_listener : public connection_listener {
 public:
  void on_open(connection&) override { own_fleet().settled(); }
  void on_failed(connection&, const char* what) override {
    if (!own_fleet().is_stopping()) own_fleet().error(what);
  }

 protected:
  virtual fleet& own_fleet() = 0;
};

// Polls `done` every few ms until it holds (true) or `deadline` passed (false).
bool wait_until(const std::function<bool()>& done, std::chrono::steady_clock::time_point deadline);

}  // namespace novatalk::loadgen
