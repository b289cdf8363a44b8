// A WebSocket connection (see websocket_session.hpp): its life and its read side. No read is
// pending while the client is quiet: the socket is waited on for readability, then read without
// blocking into a buffer each thread shares, and the frame decoder keeps only what a frame
// split across reads needs (docs/performance.md). Limits: 64 KiB per message (1009 past it), no
// compression, invalid UTF-8 closes with 1007, broken framing with 1002 (docs/server.md).
#include "server/websocket_session.hpp"

#include <utility>

#include "core/protocol/messages.hpp"
#include "server/log.hpp"
#include "server/shared_state.hpp"

namespace novatalk::server {

websocket_session::websocket_session(tcp::socket&& socket, std::shared_ptr<shared_state> state,
                                     std::string client_ip)
    : socket_(std::move(socket)),
      state_(std::move(state)),
      client_ip_(std::move(client_ip)),
      decoder_(protocol::max_frame_bytes) {}

websocket_session::~websocket_session() {
  gone("closed");
  state_->release_address(client_ip_);
}

void websocket_session::run() {
  error_code ec;
  socket_.non_blocking(true, ec);  // read_some after a readiness wait must never block
  if (ec) {
    log_line("ws_error").add("op", "non_blocking").add("error", ec.message());
    return drop_socket();
  }
  id_ = state_->join(shared_from_this(), client_ip_);
  last_heard_ = clock::now();
  if (state_->ping_interval().count() != 0 || state_->idle_timeout().count() != 0) {
    next_ping_ = last_heard_ + state_->ping_interval();
    timer_ = std::make_unique<net::steady_timer>(socket_.get_executor());
    arm_timer();
  }
  do_wait();
}

void websocket_session::do_wait() {
  socket_.async_wait(
      tcp::socket::wait_read,
      beast::bind_front_handler(&websocket_session::on_readable, shared_from_this()));
}

// One read per readiness: whatever the kernel holds, up to the largest frame, into the
// thread's buffer. Frames are handled before the next wait, so the views into the buffer never
// outlive this call.
void websocket_session::on_readable(error_code ec) {
  if (ec || dropped_) return;  // the socket was closed
  thread_local std::array<char, protocol::max_frame_bytes> buffer;
  const std::size_t n = socket_.read_some(net::buffer(buffer), ec);
  if (ec == net::error::would_block || ec == net::error::try_again) return do_wait();
  if (ec) {
    // The client went without a close frame (or after ours): lost, unless we were closing.
    if (ec != net::error::eof && ec != net::error::connection_reset)
      log_line("ws_error").add("id", id_).add("op", "read").add("error", ec.message());
    gone("error");
    return drop_socket();
  }
  last_heard_ = clock::now();  // any bytes prove the peer alive: frames, pongs, its close
  char* data = buffer.data();
  std::size_t size = n;
  for (;;) {
    const auto event = decoder_.next(data, size);
    if (event.what == ws::frame_event::kind::need_more || !on_event(event)) break;
  }
  if (!dropped_) do_wait();
}

// False when nothing more is to be read from this client (its close, or broken framing).
bool websocket_session::on_event(const ws::frame_event& event) {
  using kind = ws::frame_event::kind;
  switch (event.what) {
    case kind::text:
      // After a close we started, frames still arriving are read and dropped.
      if (!gone_ && !closing_) state_->on_text(id_, event.payload);
      return true;
    case kind::binary:
      if (!gone_ && !closing_) state_->on_binary(id_);
      return true;
    case kind::ping:
      if (!closing_) {
        queue_.push_pong(event.payload);
        do_write();
      }
      return true;
    case kind::pong:
    case kind::need_more:
      return true;
    case kind::close:
      peer_closed_ = true;
      if (closing_) {
        if (close_sent_) drop_socket();  // the close handshake is complete
        return false;
      }
      // A page's own goodbye (1000 on pagehide, docs/client.md) means its person left. 1001 is
      // what the browser itself sends when it tears down a page that never closed its socket
      // (a crashed script, a lost pagehide): lost like a drop, so resume applies.
      gone(event.code == ws::close_code::going_away ? "going_away" : "closed");
      start_close(event.code, {});
      return false;
    case kind::fail:
      // Nothing it sends can be read any more: our close goes out, then its end of stream (or
      // the close deadline) ends the connection; what arrives meanwhile is read and dropped.
      if (closing_) return false;
      log_line("ws_error").add("id", id_).add("op", "read").add("close_code", event.code);
      gone(event.code == ws::close_code::too_big ? "too_big" : "error");
      start_close(event.code, {});
      return false;
  }
  return false;
}

void websocket_session::gone(const char* reason) {
  if (gone_ || id_ == 0) return;
  gone_ = true;
  state_->leave(id_, reason);
}

}  // namespace novatalk::server
