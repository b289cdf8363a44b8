// One WebSocket connection (/ws): reads client frames into shared_state, writes the frames
// others send it through a bounded queue, all on the connection's own strand.
#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <string>

#include "server/beast.hpp"
#include "server/hub.hpp"

namespace novatalk::server {

class shared_state;

class websocket_session : public std::enable_shared_from_this<websocket_session> {
 public:
  // `client_ip`: who this is (client_address.hpp), for per-address limits; never logged.
  websocket_session(tcp::socket&& socket, std::shared_ptr<shared_state> state,
                    std::string client_ip);
  ~websocket_session();

  // Completes the upgrade that http_session read.
  void run(http::request<http::string_body> req);
  // Thread-safe: queues `frame` on this session's strand.
  void send(std::shared_ptr<const std::string> frame);

 private:
  void fail(error_code ec, const char* what);
  void on_accept(error_code ec);
  void do_read();
  void on_read(error_code ec, std::size_t bytes);
  void on_send(std::shared_ptr<const std::string> frame);
  void do_write();
  void on_write(error_code ec, std::size_t bytes);
  void gone(const char* reason);

  beast::flat_buffer buffer_;
  websocket::stream<beast::tcp_stream> ws_;
  std::shared_ptr<shared_state> state_;
  const std::string client_ip_;
  std::deque<std::shared_ptr<const std::string>> queue_;  // front() is being written
  std::size_t queued_bytes_ = 0;
  client_id id_ = 0;   // 0 until the handshake completed
  bool gone_ = false;  // shared_state was told; nothing more is queued
};

}  // namespace novatalk::server
