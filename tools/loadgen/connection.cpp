// The client connection (see connection.hpp): Beast's websocket stream over a plain socket.
#include "tools/loadgen/connection.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/websocket.hpp>

namespace novatalk::loadgen {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using boost::system::error_code;

connection::connection(net::io_context& ioc, connection_listener& listener, std::size_t index)
    : ws_(ioc), listener_(listener), index_(index) {}

void connection::start(const tcp::endpoint& server, const net::ip::address& source,
                       const std::string& host, const std::string& path) {
  host_ = host;
  path_ = path;
  auto& sock = ws_.next_layer();
  error_code ec;
  sock.open(server.protocol(), ec);
  if (!ec && source != server.address()) {
#ifdef IP_BIND_ADDRESS_NO_PORT
    // Pick the port at connect time, per (source, destination): without it a bind takes a port
    // from the one ephemeral range whatever the destination, and 28k connections exhaust it.
    const int one = 1;
    setsockopt(sock.native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
#endif
    sock.bind(tcp::endpoint(source, 0), ec);
  }
  if (ec) {
    net::post(ws_.get_executor(), [self = shared_from_this()] { self->failed("bind"); });
    return;
  }
  sock.async_connect(server,
                     beast::bind_front_handler(&connection::on_connect, shared_from_this()));
}

void connection::on_connect(error_code ec) {
  if (ec) return failed("connect");
  // Latency benchmarks: small frames go out at once, never held back by Nagle.
  ws_.next_layer().set_option(tcp::no_delay(true), ec);
  ws_.read_message_max(64 * 1024);
  ws_.async_handshake(host_, path_,
                      beast::bind_front_handler(&connection::on_handshake, shared_from_this()));
}

void connection::on_handshake(error_code ec) {
  if (ec) return failed("handshake");
  open_ = true;
  ws_.text(true);
  // Frames sent before the upgrade completed go first; what on_open sends queues behind them.
  if (!queue_.empty()) do_write();
  listener_.on_open(*this);
  do_read();
}

void connection::do_read() {
  ws_.async_read(buffer_, beast::bind_front_handler(&connection::on_read, shared_from_this()));
}

void connection::on_read(error_code ec, std::size_t) {
  if (ec) return failed(ec == websocket::error::closed ? "closed" : "read");
  const auto data = buffer_.cdata();
  if (!dead_) {
    listener_.on_text(*this, std::string_view(static_cast<const char*>(data.data()), data.size()));
  }
  buffer_.consume(buffer_.size());
  if (!dead_) do_read();
}

void connection::send(frame_ptr frame) {
  if (dead_) return;
  queue_.push_back(std::move(frame));
  if (open_ && queue_.size() == 1)
    do_write();  // else a write is running, or on_handshake starts it
}

void connection::do_write() {
  ws_.async_write(net::buffer(*queue_.front()),
                  beast::bind_front_handler(&connection::on_write, shared_from_this()));
}

void connection::on_write(error_code ec, std::size_t) {
  if (dead_) return;  // failed() already emptied the queue
  if (ec) return failed("write");
  queue_.pop_front();
  if (!queue_.empty()) do_write();
}

void connection::failed(const char* what) {
  if (dead_) return;
  dead_ = true;
  queue_.clear();
  error_code ignored;
  ws_.next_layer().close(ignored);
  listener_.on_failed(*this, what);
}

}  // namespace novatalk::loadgen
