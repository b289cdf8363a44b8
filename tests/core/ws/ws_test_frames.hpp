// Client frames for the tests of core/ws: masked (or not) with a fixed key, any header bits.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace novatalk::ws::test {

inline std::string client_frame(std::uint8_t first, std::string_view payload, bool masked = true,
                                int length_form = 0) {
  std::string f;
  f.push_back(static_cast<char>(first));
  const std::uint64_t n = payload.size();
  const char mask_bit = masked ? char(0x80) : char(0);
  if (length_form == 0 && n < 126) {
    f.push_back(static_cast<char>(mask_bit | static_cast<char>(n)));
  } else if (length_form == 126 || (length_form == 0 && n <= 0xFFFF)) {
    f.push_back(static_cast<char>(mask_bit | 126));
    f.push_back(static_cast<char>(n >> 8));
    f.push_back(static_cast<char>(n & 0xFF));
  } else {
    f.push_back(static_cast<char>(mask_bit | 127));
    for (int i = 7; i >= 0; --i) f.push_back(static_cast<char>((n >> (8 * i)) & 0xFF));
  }
  const char key[4] = {0x12, 0x34, 0x56, 0x78};
  if (masked) f.append(key, 4);
  for (std::size_t i = 0; i < payload.size(); ++i)
    f.push_back(masked ? static_cast<char>(payload[i] ^ key[i % 4]) : payload[i]);
  return f;
}

}  // namespace novatalk::ws::test
