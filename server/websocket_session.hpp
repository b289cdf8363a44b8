// One WebSocket connection (/ws) on the raw TCP socket, after http_session answered the upgrade:
// reads client frames into shared_state, writes the frames others send it through a bounded
// queue, pings it and notices when it went silent, all on the connection's own strand.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/ws/frame_decoder.hpp"
#include "server/beast.hpp"
#include "server/frame_queue.hpp"
#include "server/hub.hpp"

namespace novatalk::server {

class shared_state;

class websocket_session : public std::enable_shared_from_this<websocket_session> {
 public:
  // `client_ip`: who this is (client_address.hpp), admitted by shared_state::admit_address and
  // released when the session is destroyed; never logged.
  websocket_session(tcp::socket&& socket, std::shared_ptr<shared_state> state,
                    std::string client_ip);
  ~websocket_session();

  // The 101 was written: joins the hub and starts reading.
  void run();
  // Thread-safe: queues `frame` (a protocol message) on this session's strand.
  void send(std::shared_ptr<const std::string> frame);
  // Thread-safe: closes with `code` once the frames queued before it are written; nothing
  // queued after it is sent, and the hub hears of the client no more.
  void close(std::uint16_t code);
  // Thread-safe: after what is queued, closes with 1001 (going away) and `reason` (a drain's
  // "retry:<ms>"); nothing is queued after it.
  void go_away(std::string reason);

 private:
  using clock = net::steady_timer::clock_type;

  // Reading (websocket_session.cpp).
  void do_wait();
  void on_readable(error_code ec);
  bool on_event(const ws::frame_event& event);
  // Writing and closing (websocket_session_write.cpp).
  void on_send(std::shared_ptr<const std::string> frame);
  void do_write();
  void on_write(error_code ec, std::size_t bytes);
  void start_close(std::uint16_t code, std::string_view reason);
  void drop_socket();
  // Keep-alive and deadlines (websocket_session_timer.cpp).
  void arm_timer();
  void on_timer(error_code ec);
  void gone(const char* reason);

  tcp::socket socket_;
  std::shared_ptr<shared_state> state_;
  const std::string client_ip_;
  ws::frame_decoder decoder_;
  frame_queue queue_;
  std::vector<net::const_buffer> gather_;  // the write in flight: headers and payloads
  // One timer for the pings, the idle deadline and the close deadline, created only when one of
  // them is on: a benchmark (--ping-interval 0 --idle-timeout 0) holds no timer at all.
  std::unique_ptr<net::steady_timer> timer_;
  clock::time_point last_heard_;  // any bytes, pongs included
  clock::time_point next_ping_;
  clock::time_point close_deadline_;
  client_id id_ = 0;          // 0 until run()
  bool gone_ = false;         // shared_state was told; nothing more is queued or read
  bool closing_ = false;      // a close frame is queued or was sent: only closes follow
  bool close_sent_ = false;   // our close frame went out
  bool peer_closed_ = false;  // the client's close frame arrived (or its stream broke)
  bool dropped_ = false;      // the socket is closed
};

}  // namespace novatalk::server
