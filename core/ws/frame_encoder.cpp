// Server frames (see frame_encoder.hpp).
#include "core/ws/frame_encoder.hpp"

namespace novatalk::ws {

frame_header encode_header(opcode op, std::uint64_t payload_size) {
  frame_header h;
  h.bytes[0] = static_cast<char>(0x80 | static_cast<std::uint8_t>(op));
  if (payload_size < 126) {
    h.bytes[1] = static_cast<char>(payload_size);
    h.size = 2;
  } else if (payload_size <= 0xFFFF) {
    h.bytes[1] = 126;
    h.bytes[2] = static_cast<char>(payload_size >> 8);
    h.bytes[3] = static_cast<char>(payload_size & 0xFF);
    h.size = 4;
  } else {
    h.bytes[1] = 127;
    for (int i = 0; i < 8; ++i)
      h.bytes[2 + i] = static_cast<char>((payload_size >> (8 * (7 - i))) & 0xFF);
    h.size = 10;
  }
  return h;
}

std::string encode_control(opcode op, std::string_view payload) {
  payload = payload.substr(0, max_control_payload);
  const frame_header h = encode_header(op, payload.size());
  std::string frame(h.view());
  frame.append(payload);
  return frame;
}

std::string encode_close(std::uint16_t code, std::string_view reason) {
  reason = reason.substr(0, max_control_payload - 2);
  // Cut before a continuation byte's code point, never inside it.
  if (reason.size() == max_control_payload - 2) {
    std::size_t end = reason.size();
    while (end > 0 && (static_cast<unsigned char>(reason[end - 1]) & 0xC0) == 0x80) --end;
    if (end > 0 && static_cast<unsigned char>(reason[end - 1]) >= 0xC0) {
      // reason[end - 1] leads a code point: keep it only if all of it fits.
      const auto lead = static_cast<unsigned char>(reason[end - 1]);
      const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
      if (end - 1 + length > reason.size()) reason = reason.substr(0, end - 1);
    }
  }
  std::string payload;
  payload.push_back(static_cast<char>(code >> 8));
  payload.push_back(static_cast<char>(code & 0xFF));
  payload.append(reason);
  return encode_control(opcode::close, payload);
}

}  // namespace novatalk::ws
