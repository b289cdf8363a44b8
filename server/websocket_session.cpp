// A WebSocket connection (see websocket_session.hpp). Limits: 64 KiB per message (Beast closes
// with 1009 past it), no compression, --send-queue-bytes queued, a ping every --ping-interval,
// closed after --idle-timeout without a frame or a pong (docs/server.md, "Limits").
#include "server/websocket_session.hpp"

#include <utility>

#include "core/protocol/messages.hpp"
#include "server/log.hpp"
#include "server/shared_state.hpp"

namespace novatalk::server {
namespace {
// A close we started (rate limit, full queue) waits this long for the frames before it and the
// peer's answer; then the socket is dropped. A reader that stalled gets no close frame at all.
constexpr auto close_deadline = std::chrono::seconds(5);
}  // namespace

websocket_session::websocket_session(tcp::socket&& socket, std::shared_ptr<shared_state> state,
                                     std::string client_ip)
    : ws_(std::move(socket)),
      state_(std::move(state)),
      client_ip_(std::move(client_ip)),
      ping_timer_(ws_.get_executor()),
      idle_timer_(ws_.get_executor()) {}

websocket_session::~websocket_session() {
  gone("closed");
  state_->release_address(client_ip_);
}

void websocket_session::fail(error_code ec, const char* what) {
  // Our own close, or the peer's normal close: not worth a line.
  if (ec == net::error::operation_aborted || ec == websocket::error::closed) return;
  log_line("ws_error").add("id", id_).add("op", what).add("error", ec.message());
}

void websocket_session::run(http::request<http::string_body> req) {
  // Beast times the upgrade and the close handshake (--handshake-timeout) with the websocket
  // stream's own timer; idleness is ours.
  auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
  const auto handshake = state_->handshake_timeout();
  timeouts.handshake_timeout = handshake.count() == 0 ? websocket::stream_base::none()
                                                      : websocket::stream_base::duration(handshake);
  timeouts.idle_timeout = websocket::stream_base::none();
  timeouts.keep_alive_pings = false;
  ws_.set_option(timeouts);
  websocket::permessage_deflate deflate;  // never: compression bombs, and CRIME-like leaks
  deflate.server_enable = false;
  ws_.set_option(deflate);
  ws_.read_message_max(protocol::max_frame_bytes);
  ws_.text(true);
  ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(http::field::server, "novatalk"); }));
  // Pings, pongs and the peer's close prove it alive. The stream, and so this callback, dies
  // with the session: `this` cannot dangle.
  ws_.control_callback([this](websocket::frame_type, beast::string_view) { heard(); });
  ws_.async_accept(req,
                   beast::bind_front_handler(&websocket_session::on_accept, shared_from_this()));
}

void websocket_session::on_accept(error_code ec) {
  if (ec) return fail(ec, "accept");
  id_ = state_->join(shared_from_this(), client_ip_);
  heard();
  if (state_->ping_interval().count() != 0) arm_ping();
  if (state_->idle_timeout().count() != 0) arm_idle();
  do_read();
}

void websocket_session::heard() { last_heard_ = net::steady_timer::clock_type::now(); }

void websocket_session::arm_ping() {
  ping_timer_.expires_after(state_->ping_interval());
  ping_timer_.async_wait(
      beast::bind_front_handler(&websocket_session::on_ping_timer, shared_from_this()));
}

// One ping at a time: to a peer that stopped reading, the last one is still in flight.
void websocket_session::on_ping_timer(error_code ec) {
  if (ec || gone_) return;
  if (!ping_in_flight_) {
    ping_in_flight_ = true;
    ws_.async_ping({}, [self = shared_from_this()](error_code) { self->ping_in_flight_ = false; });
  }
  arm_ping();
}

void websocket_session::arm_idle() {
  idle_timer_.expires_at(last_heard_ + state_->idle_timeout());
  idle_timer_.async_wait(
      beast::bind_front_handler(&websocket_session::on_idle_timer, shared_from_this()));
}

// Re-armed from the last frame heard rather than on every frame: one timer wait per timeout.
void websocket_session::on_idle_timer(error_code ec) {
  if (ec || gone_) return;
  if (net::steady_timer::clock_type::now() < last_heard_ + state_->idle_timeout())
    return arm_idle();
  log_line("idle_timeout").add("id", id_);
  gone("timeout");
  drop_socket();
}

void websocket_session::do_read() {
  ws_.async_read(buffer_,
                 beast::bind_front_handler(&websocket_session::on_read, shared_from_this()));
}

void websocket_session::on_read(error_code ec, std::size_t) {
  if (ec) {
    fail(ec, "read");
    ping_timer_.cancel();
    idle_timer_.cancel();
    if (ec == websocket::error::message_too_big) return gone("too_big");
    if (ec == beast::error::timeout) return gone("timeout");
    return gone(ec == websocket::error::closed ? "closed" : "error");
  }
  heard();
  // After a close we started, frames still arriving are read (the close handshake needs the
  // reads) and dropped.
  if (!gone_ && close_code_ == 0) {
    if (ws_.got_text()) {
      const auto data = buffer_.cdata();
      state_->on_text(id_, std::string_view(static_cast<const char*>(data.data()), data.size()));
    } else {
      state_->on_binary(id_);
    }
  }
  buffer_.consume(buffer_.size());
  do_read();
}

void websocket_session::send(std::shared_ptr<const std::string> frame) {
  net::post(ws_.get_executor(), beast::bind_front_handler(&websocket_session::on_send,
                                                          shared_from_this(), std::move(frame)));
}

void websocket_session::on_send(std::shared_ptr<const std::string> frame) {
  if (gone_ || close_code_ != 0) return;
  // A reader slower than its stranger's writer must not grow our memory: close it (1008). The
  // frames waiting behind the one being written are dropped.
  const std::size_t max = state_->send_queue_max();
  if (max != 0 && queued_bytes_ + frame->size() > max) {
    log_line("send_queue_full").add("id", id_).add("queued_bytes", std::uint64_t{queued_bytes_});
    while (queue_.size() > 1) {
      queued_bytes_ -= queue_.back()->size();
      queue_.pop_back();
    }
    gone("queue_full");
    return on_close_request(websocket::close_code::policy_error);
  }
  queued_bytes_ += frame->size();
  queue_.push_back(std::move(frame));
  if (queue_.size() == 1) do_write();
}

void websocket_session::do_write() {
  ws_.async_write(net::buffer(*queue_.front()),
                  beast::bind_front_handler(&websocket_session::on_write, shared_from_this()));
}

void websocket_session::on_write(error_code ec, std::size_t) {
  if (ec) return fail(ec, "write");
  queued_bytes_ -= queue_.front()->size();
  queue_.pop_front();
  if (!queue_.empty()) return do_write();
  if (close_code_ != 0) do_close();
}

void websocket_session::close(std::uint16_t code) {
  net::post(ws_.get_executor(), beast::bind_front_handler(&websocket_session::on_close_request,
                                                          shared_from_this(), code));
}

// The client is gone for the hub at once (its stranger is told, it leaves the queue); the
// socket follows within close_deadline.
void websocket_session::on_close_request(std::uint16_t code) {
  if (close_code_ != 0) return;
  close_code_ = code;
  gone(code == websocket::close_code::policy_error ? "policy" : "closed_by_server");
  ping_timer_.cancel();
  idle_timer_.expires_after(close_deadline);
  idle_timer_.async_wait(
      beast::bind_front_handler(&websocket_session::on_close_deadline, shared_from_this()));
  if (queue_.empty()) do_close();  // else on_write closes after the last frame
}

// The read loop stays pending: it ends with `closed` when the peer answers.
void websocket_session::do_close() {
  const websocket::close_reason why(static_cast<websocket::close_code>(close_code_), close_reason_);
  ws_.async_close(why, [self = shared_from_this()](error_code ec) {
    if (ec) self->fail(ec, "close");
  });
}

void websocket_session::on_close_deadline(error_code ec) {
  if (ec) return;  // cancelled: the session ended first
  drop_socket();
}

// Pending operations fail with operation_aborted and release the session.
void websocket_session::drop_socket() {
  error_code ignored;
  ws_.next_layer().shutdown(tcp::socket::shutdown_both, ignored);
  ws_.next_layer().close(ignored);
}

void websocket_session::go_away(std::string reason) {
  net::post(ws_.get_executor(), beast::bind_front_handler(&websocket_session::on_go_away,
                                                          shared_from_this(), std::move(reason)));
}

// A drain: like close(1001), but the client is lost, not gone (it comes back and resumes).
void websocket_session::on_go_away(std::string reason) {
  if (close_code_ != 0) return;
  close_reason_ = std::move(reason);
  close_code_ = websocket::close_code::going_away;
  gone("drain");
  ping_timer_.cancel();
  idle_timer_.expires_after(close_deadline);
  idle_timer_.async_wait(
      beast::bind_front_handler(&websocket_session::on_close_deadline, shared_from_this()));
  if (queue_.empty()) do_close();
}

void websocket_session::gone(const char* reason) {
  if (gone_ || id_ == 0) return;
  gone_ = true;
  state_->leave(id_, reason);
}

}  // namespace novatalk::server
