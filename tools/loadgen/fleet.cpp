// The connections of a run (see fleet.hpp).
#include "tools/loadgen/fleet.hpp"

#include <thread>

#include <boost/asio/post.hpp>

namespace novatalk::loadgen {

namespace net = boost::asio;

fleet::fleet(const options& o, connection_listener& listener)
    : options_(o), listener_(listener), pool_(o.threads) {
  for (auto port : o.ports) servers_.emplace_back(net::ip::make_address(o.host), port);
  // One source address per 20,000 connections: each (source, server) pair has its own range of
  // about 28,000 ephemeral ports.
  sources_ = o.sources ? o.sources : static_cast<unsigned>(o.conns / 20000 + 1);
  pool_.start();
}

fleet::~fleet() { pool_.stop(); }

void fleet::open(std::size_t count, unsigned window) {
  conns_.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    conns_.push_back(std::make_shared<connection>(pool_.at(i), listener_, i));
  }
  const std::size_t first = std::min<std::size_t>(count, window);
  next_start_.store(first);
  for (std::size_t i = 0; i < first; ++i) start_one(i);
}

void fleet::settled() {
  const std::size_t i = next_start_.fetch_add(1);
  if (i < conns_.size()) start_one(i);
}

void fleet::start_one(std::size_t i) {
  const auto& server = servers_[i % servers_.size()];
  net::ip::address source = server.address();
  if (sources_ > 1 && server.address().is_loopback() && server.address().is_v4()) {
    source = net::ip::address_v4(0x7f000001u + static_cast<unsigned>(i % sources_));
  }
  auto c = conns_[i];
  net::post(pool_.at(i),
            [this, c, &server, source] { c->start(server, source, options_.host, options_.path); });
}

void fleet::on_each_thread(const std::function<void(std::size_t)>& f) {
  for (std::size_t t = 0; t < pool_.size(); ++t) net::post(pool_.at(t), [f, t] { f(t); });
}

void fleet::error(const std::string& kind) {
  errors_.fetch_add(1);
  std::lock_guard<std::mutex> lock(kinds_mutex_);
  ++kinds_[kind];
}

void fleet::report_errors(nlohmann::json& report) const {
  std::lock_guard<std::mutex> lock(kinds_mutex_);
  nlohmann::json kinds = nlohmann::json::object();
  for (const auto& [k, n] : kinds_) kinds[k] = n;
  report["errors"] = errors_.load();
  report["error_kinds"] = kinds;
}

bool wait_until(const std::function<bool()>& done, std::chrono::steady_clock::time_point deadline) {
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace novatalk::loadgen
