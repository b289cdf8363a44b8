// RFC 6455 client frames (see frame_decoder.hpp). Every violation closes with the code the RFC
// and the protocol ask for: 1002 for framing (unmasked, reserved bits, unknown opcodes, bad
// fragmentation, oversized or fragmented control frames, non-minimal or 64-bit lengths with the
// top bit set, bad close codes), 1007 for invalid UTF-8, 1009 past the message limit.
#include "core/ws/frame_decoder.hpp"

#include <algorithm>

namespace novatalk::ws {
namespace {

bool is_control(std::uint8_t op) { return (op & 0x8) != 0; }

}  // namespace

frame_event frame_decoder::fail(std::uint16_t code) {
  stage_ = stage::done;
  return frame_event{frame_event::kind::fail, {}, code};
}

void frame_decoder::unmask(char* p, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) p[i] = static_cast<char>(p[i] ^ mask_[(mask_pos_ + i) & 3]);
  mask_pos_ = static_cast<std::uint8_t>((mask_pos_ + n) & 3);
}

// Appends what `data` holds of the current frame's payload to `into`, unmasked; returns where it
// starts in `into`.
std::size_t frame_decoder::keep(std::string& into, char*& data, std::size_t& size) {
  const std::size_t n = std::min<std::size_t>(size, static_cast<std::size_t>(remaining_));
  const std::size_t at = into.size();
  into.append(data, n);
  unmask(into.data() + at, n);
  data += n;
  size -= n;
  remaining_ -= n;
  return at;
}

// How many header bytes this frame has, once the first two are known: 2, the extended length,
// the masking key.
std::size_t frame_decoder::header_needed() const {
  if (header_size_ < 2) return 2;
  const std::uint8_t len7 = header_[1] & 0x7F;
  return 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + 4;
}

// What the first two bytes alone already break (checked before the rest arrives: fail fast).
std::uint16_t frame_decoder::check_start() const {
  const std::uint8_t b0 = header_[0];
  const std::uint8_t b1 = header_[1];
  const std::uint8_t op = b0 & 0x0F;
  if ((b0 & 0x70) != 0) return close_code::protocol_error;  // no extension was negotiated
  if ((b1 & 0x80) == 0) return close_code::protocol_error;  // client frames must be masked
  const bool known = op == 0x0 || op == 0x1 || op == 0x2 || op == 0x8 || op == 0x9 || op == 0xA;
  if (!known) return close_code::protocol_error;
  if (is_control(op) && ((b0 & 0x80) == 0 || (b1 & 0x7F) > max_control_payload))
    return close_code::protocol_error;
  if (op == 0x0 && message_op_ == 0) return close_code::protocol_error;  // nothing to continue
  if ((op == 0x1 || op == 0x2) && message_op_ != 0) return close_code::protocol_error;
  return 0;
}

// The whole header is in header_: the length, the limits, the mask. 0 or a close code.
std::uint16_t frame_decoder::start_frame() {
  const std::uint8_t len7 = header_[1] & 0x7F;
  std::uint64_t length = len7;
  std::size_t at = 2;
  if (len7 == 126) {
    length = (std::uint64_t{header_[2]} << 8) | header_[3];
    if (length < 126) return close_code::protocol_error;  // not the shortest form
    at = 4;
  } else if (len7 == 127) {
    length = 0;
    for (std::size_t i = 2; i < 10; ++i) length = (length << 8) | header_[i];
    if ((length >> 63) != 0) return close_code::protocol_error;
    if (length <= 0xFFFF) return close_code::protocol_error;  // not the shortest form
    at = 10;
  }
  std::copy(header_.begin() + static_cast<std::ptrdiff_t>(at),
            header_.begin() + static_cast<std::ptrdiff_t>(at + 4), mask_.begin());
  frame_op_ = header_[0] & 0x0F;
  fin_ = (header_[0] & 0x80) != 0;
  if (!is_control(frame_op_)) {
    if (frame_op_ != 0) {
      message_op_ = frame_op_;
      message_size_ = 0;
      utf8_.reset();
    }
    // Checked on the header: a frame that would pass the limit is never kept.
    if (length > max_message_ - message_size_) return close_code::too_big;
    message_size_ += static_cast<std::size_t>(length);
  }
  remaining_ = length;
  mask_pos_ = 0;
  header_size_ = 0;
  stage_ = stage::payload;
  return 0;
}

frame_event frame_decoder::next(char*& data, std::size_t& size) {
  // What the last event pointed into is given back: an idle connection keeps no buffer.
  if (release_message_) std::string().swap(message_);
  if (release_control_) std::string().swap(control_);
  release_message_ = release_control_ = false;
  for (;;) {
    if (stage_ == stage::done) {
      data += size;
      size = 0;
      return {};
    }
    if (stage_ == stage::header) {
      while (header_size_ < header_needed() && size != 0) {
        header_[header_size_++] = static_cast<std::uint8_t>(*data++);
        --size;
        if (header_size_ == 2) {
          if (const auto code = check_start()) return fail(code);
        }
      }
      if (header_size_ < header_needed()) return {};
      if (const auto code = start_frame()) return fail(code);
    }
    const frame_event event =
        is_control(frame_op_) ? control_frame(data, size) : data_frame(data, size);
    if (event.what != frame_event::kind::need_more) return event;
    if (stage_ == stage::payload) return {};  // the frame goes on in the next read
  }
}

// A control frame may come between the fragments of a message; its payload (at most 125 bytes)
// is kept apart from the message's.
frame_event frame_decoder::control_frame(char*& data, std::size_t& size) {
  if (control_.empty() && size >= remaining_) {
    const auto n = static_cast<std::size_t>(remaining_);
    unmask(data, n);
    const std::string_view payload(data, n);
    data += n;
    size -= n;
    return finish_control(payload);
  }
  keep(control_, data, size);
  if (remaining_ != 0) return {};
  release_control_ = true;
  return finish_control(control_);
}

frame_event frame_decoder::finish_control(std::string_view payload) {
  stage_ = stage::header;
  if (frame_op_ == 0x9) return frame_event{frame_event::kind::ping, payload, 0};
  if (frame_op_ == 0xA) return frame_event{frame_event::kind::pong, payload, 0};
  // Close: nothing, or a code and a UTF-8 reason.
  if (payload.empty()) {
    stage_ = stage::done;
    return frame_event{frame_event::kind::close, {}, close_code::no_status};
  }
  if (payload.size() == 1) return fail(close_code::protocol_error);
  const auto code = static_cast<std::uint16_t>((static_cast<unsigned char>(payload[0]) << 8) |
                                               static_cast<unsigned char>(payload[1]));
  if (!is_valid_close_code(code)) return fail(close_code::protocol_error);
  const std::string_view reason = payload.substr(2);
  if (!chat::is_valid_utf8(reason)) return fail(close_code::invalid_payload);
  stage_ = stage::done;
  return frame_event{frame_event::kind::close, reason, code};
}

// Text, binary or continuation. The common case, one whole frame in the bytes just read, is
// delivered where it lies; anything else is gathered in message_.
frame_event frame_decoder::data_frame(char*& data, std::size_t& size) {
  const bool text = message_op_ == 0x1;
  if (fin_ && message_.empty() && size >= remaining_) {
    const auto n = static_cast<std::size_t>(remaining_);
    unmask(data, n);
    const std::string_view payload(data, n);
    data += n;
    size -= n;
    stage_ = stage::header;
    message_op_ = 0;
    if (text && !(utf8_.feed(payload) && utf8_.complete()))
      return fail(close_code::invalid_payload);
    return frame_event{text ? frame_event::kind::text : frame_event::kind::binary, payload, 0};
  }
  const std::size_t at = keep(message_, data, size);
  // Fail fast: a bad byte closes the connection without waiting for the rest.
  if (text && !utf8_.feed(std::string_view(message_).substr(at)))
    return fail(close_code::invalid_payload);
  if (remaining_ != 0) return {};
  stage_ = stage::header;
  if (!fin_) return {};  // more fragments follow
  message_op_ = 0;
  if (text && !utf8_.complete()) return fail(close_code::invalid_payload);
  release_message_ = true;
  return frame_event{text ? frame_event::kind::text : frame_event::kind::binary, message_, 0};
}

}  // namespace novatalk::ws
