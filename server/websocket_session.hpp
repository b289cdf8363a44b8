// One WebSocket connection (/ws): reads client frames into shared_state, writes the frames
// others send it through a bounded queue, pings it and notices when it went silent, all on the
// connection's own strand.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <string>

#include "server/beast.hpp"
#include "server/hub.hpp"
#include "server/lazy_read_buffer.hpp"

namespace novatalk::server {

class shared_state;

class websocket_session : public std::enable_shared_from_this<websocket_session> {
 public:
  // `client_ip`: who this is (client_address.hpp), admitted by shared_state::admit_address and
  // released when the session is destroyed; never logged.
  websocket_session(tcp::socket&& socket, std::shared_ptr<shared_state> state,
                    std::string client_ip);
  ~websocket_session();

  // Completes the upgrade that http_session read.
  void run(http::request<http::string_body> req);
  // Thread-safe: queues `frame` on this session's strand.
  void send(std::shared_ptr<const std::string> frame);
  // Thread-safe: closes with `code` once the frames queued before it are written; nothing
  // queued after it is sent, and the hub hears of the client no more.
  void close(std::uint16_t code);
  // Thread-safe: after what is queued, closes with 1001 (going away) and `reason` (a drain's
  // "retry:<ms>"); nothing is queued after it.
  void go_away(std::string reason);

 private:
  void fail(error_code ec, const char* what);
  void on_accept(error_code ec);
  void do_read();
  void on_read(error_code ec, std::size_t bytes);
  void on_send(std::shared_ptr<const std::string> frame);
  void do_write();
  void on_write(error_code ec, std::size_t bytes);
  void on_close_request(std::uint16_t code);
  void do_close();
  void on_close_deadline(error_code ec);
  void heard();
  void arm_ping();
  void on_ping_timer(error_code ec);
  void arm_idle();
  void on_idle_timer(error_code ec);
  void drop_socket();
  void on_go_away(std::string reason);
  void gone(const char* reason);

  lazy_read_buffer buffer_;  // small while idle: Beast prepares it before any byte arrives
  // On the plain socket, not beast::tcp_stream: its timers (536 bytes a connection) would time
  // nothing, the websocket stream times the handshakes and our own timers the rest.
  websocket::stream<tcp::socket> ws_;
  std::shared_ptr<shared_state> state_;
  const std::string client_ip_;
  // front() is being written. A list, not a deque: an empty std::deque still holds a 512-byte
  // block, and most connections have nothing queued most of the time.
  std::list<std::shared_ptr<const std::string>> queue_;
  std::size_t queued_bytes_ = 0;
  client_id id_ = 0;              // 0 until the handshake completed
  bool gone_ = false;             // shared_state was told; nothing more is queued or read
  std::uint16_t close_code_ = 0;  // a close was asked for: sent when the queue is empty
  // Our own keep-alive, so that --ping-interval and --idle-timeout are independent (Beast's
  // keep_alive_pings pings at half its idle timeout, and its idle timer ignores pongs).
  net::steady_timer ping_timer_;
  net::steady_timer idle_timer_;              // also the deadline of a close we started
  net::steady_timer::time_point last_heard_;  // any frame, pongs included
  bool ping_in_flight_ = false;
  std::string close_reason_;     // with close_code_: a drain's "retry:<ms>"
};

}  // namespace novatalk::server
