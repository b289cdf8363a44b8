// The server side of RFC 6455 framing: client frames in, whole messages and control frames out,
// as a state machine over bytes. It keeps only a frame header in progress and the bytes of a
// message that spans reads or fragments, so an idle connection costs it no buffer.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/chat/utf8.hpp"
#include "core/ws/frame.hpp"

namespace novatalk::ws {

struct frame_event {
  enum class kind : std::uint8_t {
    need_more,  // every byte given was used; nothing to report yet
    text,       // a whole text message (valid UTF-8), reassembled from its fragments
    binary,     // a whole binary message
    ping,       // answer with a pong carrying the same payload
    pong,
    close,  // the peer's close: `code` (close_code::no_status when it sent none) and reason
    fail,   // a protocol violation: close with `code` (1002, 1007 or 1009); nothing follows
  };
  kind what = kind::need_more;
  std::string_view payload;  // the message, the ping's or pong's payload, the close reason
  std::uint16_t code = 0;
};

class frame_decoder {
 public:
  // `max_message`: the largest message (all its fragments together); a frame that would make
  // one larger fails with 1009 as soon as its header is read, before any of it is kept.
  explicit frame_decoder(std::size_t max_message) : max_message_(max_message) {}

  // Decodes from the front of `data` (`size` bytes), unmasking payloads in place: consumes what
  // it used (advances `data`, shrinks `size`) and returns at most one event. Call again until it
  // returns need_more. The event's payload points into the caller's bytes or into the decoder
  // and stays valid until the next call. After close or fail it consumes everything unread.
  frame_event next(char*& data, std::size_t& size);

  // True while a frame or a fragmented message is partly received.
  bool mid_message() const {
    return stage_ == stage::payload || header_size_ != 0 || message_op_ != 0;
  }

 private:
  enum class stage : std::uint8_t { header, payload, done };

  std::size_t header_needed() const;
  std::uint16_t check_start() const;
  std::uint16_t start_frame();
  frame_event control_frame(char*& data, std::size_t& size);
  frame_event data_frame(char*& data, std::size_t& size);
  frame_event finish_control(std::string_view payload);
  frame_event fail(std::uint16_t code);
  void unmask(char* p, std::size_t n);
  std::size_t keep(std::string& into, char*& data, std::size_t& size);

  std::size_t max_message_;
  std::uint64_t remaining_ = 0;   // payload bytes of the current frame still to come
  std::size_t message_size_ = 0;  // bytes of the current message so far, headers' lengths
  std::string message_;           // a message that spans reads or fragments
  std::string control_;           // a control frame's payload that spans reads
  std::array<std::uint8_t, 14> header_{};
  std::array<std::uint8_t, 4> mask_{};
  std::uint8_t header_size_ = 0;
  std::uint8_t mask_pos_ = 0;
  std::uint8_t frame_op_ = 0;    // opcode of the current frame
  std::uint8_t message_op_ = 0;  // text or binary while a message is in progress, else 0
  bool fin_ = false;
  bool release_message_ = false;  // the last event pointed into message_: free it
  bool release_control_ = false;  // or into control_
  stage stage_ = stage::header;
  chat::utf8_checker utf8_;
};

}  // namespace novatalk::ws
