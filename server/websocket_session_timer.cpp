// The one timer of a WebSocket connection (see websocket_session.hpp): a ping every
// --ping-interval, the end of a connection silent for --idle-timeout, and the deadline of a
// close handshake. Our own keep-alive, so the two flags are independent; re-armed for the
// earliest of what is due rather than on every frame: one pending wait per connection.
#include "server/log.hpp"
#include "server/shared_state.hpp"
#include "server/websocket_session.hpp"

namespace novatalk::server {

void websocket_session::arm_timer() {
  const auto ping = state_->ping_interval();
  const auto idle = state_->idle_timeout();
  auto at = clock::time_point::max();
  if (closing_) {
    at = close_deadline_;
  } else {
    if (ping.count() != 0) at = std::min(at, next_ping_);
    if (idle.count() != 0) at = std::min(at, last_heard_ + idle);
  }
  if (at == clock::time_point::max()) return;
  timer_->expires_at(at);
  timer_->async_wait(beast::bind_front_handler(&websocket_session::on_timer, shared_from_this()));
}

void websocket_session::on_timer(error_code ec) {
  if (ec || dropped_) return;  // re-armed (a close started) or the socket is gone
  const auto now = clock::now();
  if (closing_) {
    if (now >= close_deadline_) return drop_socket();
    return arm_timer();
  }
  const auto idle = state_->idle_timeout();
  if (idle.count() != 0 && now >= last_heard_ + idle) {
    log_line("idle_timeout").add("id", id_);
    gone("timeout");
    return drop_socket();
  }
  const auto ping = state_->ping_interval();
  if (ping.count() != 0 && now >= next_ping_) {
    // One ping at a time: to a peer that stopped reading, the last one is still in flight.
    if (!queue_.ping_pending()) {
      queue_.push_control(ws::opcode::ping, ws::encode_control(ws::opcode::ping, {}));
      do_write();
    }
    next_ping_ = now + ping;
  }
  arm_timer();
}

}  // namespace novatalk::server
