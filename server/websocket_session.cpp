// A WebSocket connection (see websocket_session.hpp). Limits come from protocol v1: 64 KiB per
// message (Beast closes with 1009 past it), no compression, a dead peer is gone within 30 s.
#include "server/websocket_session.hpp"

#include <utility>

#include "core/protocol/messages.hpp"
#include "server/log.hpp"
#include "server/shared_state.hpp"

namespace novatalk::server {

websocket_session::websocket_session(tcp::socket&& socket, std::shared_ptr<shared_state> state,
                                     std::string client_ip)
    : ws_(std::move(socket)), state_(std::move(state)), client_ip_(std::move(client_ip)) {}

websocket_session::~websocket_session() { gone("closed"); }

void websocket_session::fail(error_code ec, const char* what) {
  // Our own close, or the peer's normal close: not worth a line.
  if (ec == net::error::operation_aborted || ec == websocket::error::closed) return;
  log_line("ws_error").add("id", id_).add("op", what).add("error", ec.message());
}

void websocket_session::run(http::request<http::string_body> req) {
  // The websocket stream has its own timeouts: handshake 30 s, ping after 15 s idle, gone at 30 s.
  beast::get_lowest_layer(ws_).expires_never();
  auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
  timeouts.idle_timeout = std::chrono::seconds(30);
  timeouts.keep_alive_pings = true;
  ws_.set_option(timeouts);
  websocket::permessage_deflate deflate;  // never: compression of secrets enables CRIME-like leaks
  deflate.server_enable = false;
  ws_.set_option(deflate);
  ws_.read_message_max(protocol::max_frame_bytes);
  ws_.text(true);
  ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(http::field::server, "novatalk"); }));
  ws_.async_accept(req,
                   beast::bind_front_handler(&websocket_session::on_accept, shared_from_this()));
}

void websocket_session::on_accept(error_code ec) {
  if (ec) return fail(ec, "accept");
  id_ = state_->join(shared_from_this(), client_ip_);
  do_read();
}

void websocket_session::do_read() {
  ws_.async_read(buffer_,
                 beast::bind_front_handler(&websocket_session::on_read, shared_from_this()));
}

void websocket_session::on_read(error_code ec, std::size_t) {
  if (ec) {
    fail(ec, "read");
    if (ec == websocket::error::message_too_big) return gone("too_big");
    if (ec == beast::error::timeout) return gone("timeout");
    return gone(ec == websocket::error::closed ? "closed" : "error");
  }
  if (ws_.got_text()) {
    const auto data = buffer_.cdata();
    state_->on_text(id_, std::string_view(static_cast<const char*>(data.data()), data.size()));
  } else {
    state_->on_binary(id_);
  }
  buffer_.consume(buffer_.size());
  do_read();
}

void websocket_session::send(std::shared_ptr<const std::string> frame) {
  net::post(ws_.get_executor(), beast::bind_front_handler(&websocket_session::on_send,
                                                          shared_from_this(), std::move(frame)));
}

void websocket_session::on_send(std::shared_ptr<const std::string> frame) {
  if (gone_) return;
  // A reader slower than its stranger's writer must not grow our memory: drop the connection.
  if (queued_bytes_ + frame->size() > state_->send_queue_max()) {
    log_line("send_queue_full").add("id", id_).add("queued_bytes", std::uint64_t{queued_bytes_});
    error_code ignored;
    // The pending read and write fail; the queue lives until they completed (a write in flight
    // still points into its front).
    beast::get_lowest_layer(ws_).socket().close(ignored);
    return gone("queue_full");
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
  if (!queue_.empty()) do_write();
}

void websocket_session::gone(const char* reason) {
  if (gone_ || id_ == 0) return;
  gone_ = true;
  state_->leave(id_, reason);
}

}  // namespace novatalk::server
