// Accepts TCP connections and hands each to an http_session on its own strand.
#pragma once

#include <cstdint>
#include <memory>

#include "server/beast.hpp"

namespace novatalk::server {

class shared_state;

class listener : public std::enable_shared_from_this<listener> {
 public:
  listener(net::io_context& ioc, std::shared_ptr<shared_state> state);

  // Open, bind, listen: errors as values, so main can report them and exit.
  error_code open(const tcp::endpoint& endpoint);
  // The bound port (the one the system picked when asked for port 0).
  std::uint16_t port() const;
  void run();
  // Stops accepting (a drain): the port is closed, so a load balancer sends people elsewhere.
  void stop();

 private:
  void do_accept();
  void on_accept(error_code ec, tcp::socket socket);

  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  std::shared_ptr<shared_state> state_;
};

}  // namespace novatalk::server
