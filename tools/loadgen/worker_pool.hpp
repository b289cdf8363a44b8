// The load generator's threads: one io_context per thread, connections spread over them, so a
// connection and its scenario state are only ever touched by one thread.
#pragma once

#include <cstddef>
#include <memory>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

namespace novatalk::loadgen {

class worker_pool {
 public:
  explicit worker_pool(unsigned threads);
  ~worker_pool();  // stops and joins
  std::size_t size() const { return contexts_.size(); }
  boost::asio::io_context& at(std::size_t i) { return *contexts_[i % contexts_.size()]; }
  void start();
  void stop();

 private:
  using guard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;
  std::vector<std::unique_ptr<boost::asio::io_context>> contexts_;
  std::vector<guard> guards_;
  std::vector<std::thread> threads_;
};

}  // namespace novatalk::loadgen
