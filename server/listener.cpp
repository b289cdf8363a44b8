// The TCP listener (see listener.hpp).
#include "server/listener.hpp"

#include <utility>

#include "server/http_session.hpp"
#include "server/log.hpp"

namespace novatalk::server {

listener::listener(net::io_context& ioc, std::shared_ptr<shared_state> state)
    // On a strand: stop() closes it from a signal handler while an accept may complete.
    : ioc_(ioc), acceptor_(net::make_strand(ioc)), state_(std::move(state)) {}

error_code listener::open(const tcp::endpoint& endpoint) {
  error_code ec;
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  return ec;
}

std::uint16_t listener::port() const {
  error_code ec;
  return acceptor_.local_endpoint(ec).port();
}

void listener::run() { do_accept(); }

void listener::stop() {
  net::post(acceptor_.get_executor(), [self = shared_from_this()] {
    error_code ignored;
    self->acceptor_.close(ignored);
  });
}

void listener::do_accept() {
  // Each connection gets its own strand: its handlers never run concurrently.
  acceptor_.async_accept(net::make_strand(ioc_),
                         beast::bind_front_handler(&listener::on_accept, shared_from_this()));
}

void listener::on_accept(error_code ec, tcp::socket socket) {
  if (!acceptor_.is_open()) return;  // stopped: a connection accepted meanwhile just closes
  if (ec) {
    if (ec == net::error::operation_aborted) return;
    log_line("accept_error").add("error", ec.message());
  } else {
    // Signaling is small frames that someone waits for: without TCP_NODELAY a frame written
    // while the previous one is unacknowledged waits for the peer's delayed ACK (up to 40 ms on
    // Linux), which made call setups latency-bound (docs/performance.md).
    socket.set_option(tcp::no_delay(true), ec);
    std::make_shared<http_session>(std::move(socket), state_)->run();
  }
  do_accept();
}

}  // namespace novatalk::server
