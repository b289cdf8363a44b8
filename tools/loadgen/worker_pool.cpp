// The threads of worker_pool.hpp.
#include "tools/loadgen/worker_pool.hpp"

namespace novatalk::loadgen {

worker_pool::worker_pool(unsigned threads) {
  for (unsigned i = 0; i < threads; ++i) {
    // Concurrency hint 1: each context runs on one thread, Asio may skip its locking.
    contexts_.push_back(std::make_unique<boost::asio::io_context>(1));
    guards_.emplace_back(contexts_.back()->get_executor());
  }
}

worker_pool::~worker_pool() { stop(); }

void worker_pool::start() {
  for (auto& ioc : contexts_) threads_.emplace_back([&ctx = *ioc] { ctx.run(); });
}

void worker_pool::stop() {
  for (auto& ioc : contexts_) ioc->stop();
  for (auto& t : threads_) t.join();
  threads_.clear();
}

}  // namespace novatalk::loadgen
