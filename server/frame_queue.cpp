// The outgoing frames of a connection (see frame_queue.hpp).
#include "server/frame_queue.hpp"

#include <iterator>
#include <utility>

namespace novatalk::server {

void frame_queue::push(frame f) {
  bytes_ += f.payload->size();
  frames_.push_back(std::move(f));
}

void frame_queue::push_text(std::shared_ptr<const std::string> payload) {
  const auto header = ws::encode_header(ws::opcode::text, payload->size());
  push(frame{header, ws::opcode::text, std::move(payload)});
}

void frame_queue::push_control(ws::opcode op, std::string whole) {
  push(frame{{}, op, std::make_shared<const std::string>(std::move(whole))});
}

void frame_queue::push_pong(std::string_view payload) {
  auto it = frames_.begin();
  std::advance(it, static_cast<std::ptrdiff_t>(in_flight_));
  for (; it != frames_.end(); ++it) {
    if (it->op != ws::opcode::pong) continue;
    bytes_ -= it->payload->size();
    frames_.erase(it);
    break;
  }
  push_control(ws::opcode::pong, ws::encode_control(ws::opcode::pong, payload));
}

bool frame_queue::ping_pending() const {
  for (const auto& f : frames_)
    if (f.op == ws::opcode::ping) return true;
  return false;
}

bool frame_queue::written() {
  bool closed = false;
  for (; in_flight_ != 0; --in_flight_) {
    closed = closed || frames_.front().op == ws::opcode::close;
    bytes_ -= frames_.front().payload->size();
    frames_.pop_front();
  }
  return closed;
}

void frame_queue::drop_waiting() {
  while (frames_.size() > in_flight_) {
    bytes_ -= frames_.back().payload->size();
    frames_.pop_back();
  }
}

}  // namespace novatalk::server
