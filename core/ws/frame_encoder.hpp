// The server's frames (RFC 6455: unmasked, never fragmented). A data frame's header is built
// into a small array so that header and payload go out in one gather write, the payload shared
// and never copied; control frames (close, ping, pong) are small and built whole.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/ws/frame.hpp"

namespace novatalk::ws {

struct frame_header {
  std::array<char, 10> bytes{};  // FIN and opcode, then the length in its shortest form
  std::uint8_t size = 0;
  std::string_view view() const { return {bytes.data(), size}; }
};

frame_header encode_header(opcode op, std::uint64_t payload_size);

// A whole control frame. `payload` is cut to max_control_payload bytes.
std::string encode_control(opcode op, std::string_view payload);

// A close frame with `code` and `reason`; the reason is cut to fit (at a code point boundary,
// so it stays valid UTF-8).
std::string encode_close(std::uint16_t code, std::string_view reason);

}  // namespace novatalk::ws
