// One client WebSocket of the load generator: connects from a chosen source address, upgrades,
// reads text frames into its listener and writes queued frames in order. Single-threaded: it
// lives on one io_context run by one thread, so it needs no strand.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/stream.hpp>

namespace novatalk::loadgen {

class connection;

// What a scenario hears from its connections (on their io_context's thread).
class connection_listener {
 public:
  virtual ~connection_listener() = default;
  virtual void on_open(connection& c) = 0;
  virtual void on_text(connection& c, std::string_view text) = 0;
  // Connect, upgrade, read or write failed, or the server closed: the connection is dead.
  virtual void on_failed(connection& c, const char* what) = 0;
};

using frame_ptr = std::shared_ptr<const std::string>;

class connection : public std::enable_shared_from_this<connection> {
 public:
  connection(boost::asio::io_context& ioc, connection_listener& listener, std::size_t index);
  // `source`: the local address to connect from (a port is picked by the kernel when connecting,
  // so several sources give more than one port range towards one server port).
  void start(const boost::asio::ip::tcp::endpoint& server, const boost::asio::ip::address& source,
             const std::string& host, const std::string& path);
  void send(frame_ptr frame);
  std::size_t index() const { return index_; }
  bool open() const { return open_ && !dead_; }
  // The upgrade completed at some point (it may have failed since).
  bool was_opened() const { return open_; }

 private:
  void on_connect(boost::system::error_code ec);
  void on_handshake(boost::system::error_code ec);
  void do_read();
  void on_read(boost::system::error_code ec, std::size_t bytes);
  void do_write();
  void on_write(boost::system::error_code ec, std::size_t bytes);
  void failed(const char* what);

  boost::beast::websocket::stream<boost::asio::ip::tcp::socket> ws_;
  boost::beast::flat_buffer buffer_;
  connection_listener& listener_;
  std::deque<frame_ptr> queue_;  // front() is being written
  std::string host_;
  std::string path_;
  std::size_t index_;
  bool open_ = false;
  bool dead_ = false;
};

}  // namespace novatalk::loadgen
