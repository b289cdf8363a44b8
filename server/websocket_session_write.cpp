// The write side of a WebSocket connection (see websocket_session.hpp): the bounded queue, gather
// writes of every frame waiting (up to max_gather_frames), and the close handshake.
#include <utility>

#include "server/log.hpp"
#include "server/shared_state.hpp"
#include "server/websocket_session.hpp"

namespace novatalk::server {
namespace {

// A close we started (rate limit, full queue, drain, broken framing) waits this long for the
// frames before it and the client's answer; then the socket is dropped.
constexpr auto close_deadline = std::chrono::seconds(5);

// Asio hands at most 64 buffers to one sendmsg: a header and a payload per frame.
constexpr std::size_t max_gather_frames = 32;

// A write's buffers as Asio sees them, without copying the session's vector into the operation.
struct gather_view {
  const net::const_buffer* first;
  const net::const_buffer* last;
  const net::const_buffer* begin() const { return first; }
  const net::const_buffer* end() const { return last; }
};

}  // namespace

void websocket_session::send(std::shared_ptr<const std::string> frame) {
  net::post(
      socket_.get_executor(),
      beast::bind_front_handler(&websocket_session::on_send, shared_from_this(), std::move(frame)));
}

void websocket_session::on_send(std::shared_ptr<const std::string> frame) {
  if (gone_ || closing_) return;
  // A reader slower than its stranger's writer must not grow our memory: close it (1008). The
  // frames waiting behind the one being written are dropped.
  const std::size_t max = state_->send_queue_max();
  if (max != 0 && queue_.bytes() + frame->size() > max) {
    log_line("send_queue_full").add("id", id_).add("queued_bytes", std::uint64_t{queue_.bytes()});
    queue_.drop_waiting();
    gone("queue_full");
    return start_close(ws::close_code::policy, {});
  }
  queue_.push_text(std::move(frame));
  do_write();
}

// Everything waiting goes out in one gather write, unless a write is already in flight (its
// completion takes what came meanwhile).
void websocket_session::do_write() {
  if (queue_.writing() || queue_.empty() || dropped_) return;
  gather_.clear();
  queue_.take(max_gather_frames, [this](std::string_view piece) {
    gather_.push_back(net::const_buffer(piece.data(), piece.size()));
  });
  net::async_write(socket_, gather_view{gather_.data(), gather_.data() + gather_.size()},
                   beast::bind_front_handler(&websocket_session::on_write, shared_from_this()));
}

void websocket_session::on_write(error_code ec, std::size_t) {
  if (ec) {
    if (ec != net::error::operation_aborted && !dropped_)
      log_line("ws_error").add("id", id_).add("op", "write").add("error", ec.message());
    gone("error");
    return drop_socket();
  }
  if (queue_.written()) {
    close_sent_ = true;
    // Our close is out: nothing more to send. The client's close (or its end of the stream)
    // ends it; if the client closed first, or its stream is broken, now.
    error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    if (peer_closed_) return drop_socket();
  }
  if (!queue_.empty()) return do_write();
  std::vector<net::const_buffer>().swap(gather_);  // an idle connection keeps no write state
}

void websocket_session::close(std::uint16_t code) {
  net::post(socket_.get_executor(), [self = shared_from_this(), code] {
    // The client is gone for the hub at once (its stranger is told, it leaves the queue); the
    // socket follows within the close deadline.
    if (self->closing_) return;
    self->gone(code == ws::close_code::policy ? "policy" : "closed_by_server");
    self->start_close(code, {});
  });
}

void websocket_session::go_away(std::string reason) {
  // A drain: like close(1001), but the client is lost, not gone (it comes back and resumes).
  net::post(socket_.get_executor(), [self = shared_from_this(), reason = std::move(reason)] {
    if (self->closing_) return;
    self->gone("drain");
    self->start_close(ws::close_code::going_away, reason);
  });
}

// After the frames queued before it. The read loop goes on: it ends with the client's close or
// its end of stream, or the close deadline drops the socket (a reader that stalled completely
// never takes our close frame at all).
void websocket_session::start_close(std::uint16_t code, std::string_view reason) {
  if (closing_ || dropped_) return;
  closing_ = true;
  queue_.push_control(ws::opcode::close, code == ws::close_code::no_status
                                             ? ws::encode_control(ws::opcode::close, {})
                                             : ws::encode_close(code, reason));
  close_deadline_ = clock::now() + close_deadline;
  if (!timer_) timer_ = std::make_unique<net::steady_timer>(socket_.get_executor());
  arm_timer();
  do_write();
}

// Pending operations fail with operation_aborted and release the session.
void websocket_session::drop_socket() {
  if (dropped_) return;
  dropped_ = true;
  error_code ignored;
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
  if (timer_) timer_->cancel();
}

}  // namespace novatalk::server
