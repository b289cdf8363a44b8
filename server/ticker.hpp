// The server's clock tick: every 250 ms it lets shared_state run out interest waits and
// broadcast the online count.
#pragma once

#include <memory>

#include "server/beast.hpp"

namespace novatalk::server {

class shared_state;

class ticker : public std::enable_shared_from_this<ticker> {
 public:
  ticker(net::any_io_executor executor, std::shared_ptr<shared_state> state);
  void run();

 private:
  void on_tick(error_code ec);

  net::steady_timer timer_;
  std::shared_ptr<shared_state> state_;
};

}  // namespace novatalk::server
