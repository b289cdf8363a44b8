// What RFC 6455 frames are made of, shared by the server's frame decoder and encoder: opcodes,
// close codes, the control frame limit. Platform-free: no socket, no Asio.
#pragma once

#include <cstddef>
#include <cstdint>

namespace novatalk::ws {

enum class opcode : std::uint8_t {
  continuation = 0x0,
  text = 0x1,
  binary = 0x2,
  close = 0x8,
  ping = 0x9,
  pong = 0xA,
};

// The close codes the server sends or reads (RFC 6455 section 7.4.1).
namespace close_code {
inline constexpr std::uint16_t normal = 1000;
inline constexpr std::uint16_t going_away = 1001;
inline constexpr std::uint16_t protocol_error = 1002;
inline constexpr std::uint16_t no_status = 1005;  // never sent: "the peer's close had no code"
inline constexpr std::uint16_t invalid_payload = 1007;
inline constexpr std::uint16_t policy = 1008;
inline constexpr std::uint16_t too_big = 1009;
}  // namespace close_code

// A control frame (close, ping, pong) carries at most this much and is never fragmented.
inline constexpr std::size_t max_control_payload = 125;

// Codes a peer may send in a close frame: 1000-1003, 1007-1014 and the application range
// 3000-4999. 1004-1006 and 1015 are reserved for reports that never go on the wire.
bool is_valid_close_code(std::uint16_t code);

}  // namespace novatalk::ws
