// Fuzz target for core/chat: any bytes, decoded as a data-channel message, must never crash;
// what decodes must encode and decode again to the same wire text; and sanitize_chat_text must
// give valid UTF-8 within the cap and change nothing on a second pass.
// Built as a libFuzzer binary with -DNOVATALK_FUZZ=ON (clang); ctest replays the corpus.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/chat/chat_text.hpp"
#include "core/chat/peer_message.hpp"
#include "core/chat/utf8.hpp"

namespace c = novatalk::chat;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (auto first = c::decode_peer_message(input)) {
    const std::string wire = c::encode_peer_message(first.value());
    auto second = c::decode_peer_message(wire);
    if (!second || c::encode_peer_message(second.value()) != wire) std::abort();
    if (wire.size() > c::kMaxPeerFrameBytes) std::abort();
  }
  const std::size_t max = size % 7 == 0 ? size % 50 : c::kMaxChatCodePoints;
  const std::string clean = c::sanitize_chat_text(input, max);
  if (!c::is_valid_utf8(clean) || c::utf8_length(clean) > max) std::abort();
  if (c::sanitize_chat_text(clean, max) != clean) std::abort();
  return 0;
}
