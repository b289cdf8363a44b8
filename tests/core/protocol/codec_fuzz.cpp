// Fuzz target for core/protocol/codec: any bytes, decoded as a client and as a server message,
// must never crash, and whatever decodes must encode and decode again to the same wire text.
// Built as a libFuzzer binary with -DNOVATALK_FUZZ=ON (clang); ctest replays the corpus.
#include "core/protocol/codec.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace p = novatalk::protocol;

template <class Decode>
static void round_trip(std::string_view input, Decode decode) {
  auto first = decode(input);
  if (!first) return;
  const std::string wire = p::encode(first.value());
  auto second = decode(wire);
  if (!second || p::encode(second.value()) != wire) std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  round_trip(input, [](std::string_view s) { return p::decode_client(s); });
  round_trip(input, [](std::string_view s) { return p::decode_server(s); });
  (void)p::normalize_interest(input);
  return 0;
}
