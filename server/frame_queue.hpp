// The outgoing frames of one WebSocket connection, in order: those being written and those
// waiting. Several waiting frames leave in one gather write (each frame's small header, then its
// payload, shared with every other recipient and never copied). Beast-free.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <string>
#include <string_view>

#include "core/ws/frame_encoder.hpp"

namespace novatalk::server {

class frame_queue {
 public:
  // A text frame around `payload` (a protocol message, possibly sent to many connections).
  void push_text(std::shared_ptr<const std::string> payload);
  // A whole control frame (close, ping) built by ws::encode_*.
  void push_control(ws::opcode op, std::string frame);
  // A pong for `payload`. A pong still waiting is replaced rather than joined: RFC 6455 lets an
  // endpoint answer only the latest ping, so a client that pings without reading adds nothing.
  void push_pong(std::string_view payload);
  // Whether a ping is queued or being written: one at a time (to a peer that stopped reading,
  // the last one is still on its way).
  bool ping_pending() const;

  bool empty() const { return frames_.empty(); }
  bool writing() const { return in_flight_ != 0; }
  // Bytes queued (payloads and control frames; headers not counted): --send-queue-bytes.
  std::size_t bytes() const { return bytes_; }

  // Starts a write of the waiting frames, at most `max_frames`: calls `piece(std::string_view)`
  // for each part in order; they stay valid (and in flight) until written(). The frame count.
  template <class Piece>
  std::size_t take(std::size_t max_frames, Piece&& piece) {
    std::size_t n = 0;
    for (auto it = frames_.begin(); it != frames_.end() && n < max_frames; ++it, ++n) {
      if (it->header.size != 0) piece(it->header.view());
      piece(std::string_view(*it->payload));
    }
    in_flight_ = n;
    return n;
  }
  // The frames of the last take() went out; true if a close frame was among them.
  bool written();
  // Drops every frame not in flight (a full queue: only the close is still to come).
  void drop_waiting();

 private:
  struct frame {
    ws::frame_header header;  // size 0 for control frames: the payload is the whole frame
    ws::opcode op;
    std::shared_ptr<const std::string> payload;
  };
  void push(frame f);

  // A list: nothing allocated while empty (most connections most of the time), and frames in
  // flight never move while others are added.
  std::list<frame> frames_;
  std::size_t in_flight_ = 0;
  std::size_t bytes_ = 0;
};

}  // namespace novatalk::server
