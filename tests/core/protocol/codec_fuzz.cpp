// Fuzz target for core/protocol/codec: any bytes, decoded as a client and as a server message,
// must never crash, and whatever decodes must encode and decode again to the same wire text.
// The relay's fast paths (core/protocol/json_text) must agree with nlohmann::json on the input.
// Built as a libFuzzer binary with -DNOVATALK_FUZZ=ON (clang); ctest replays the corpus.
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <type_traits>
#include <variant>

#include "core/protocol/codec.hpp"
#include "tests/core/protocol/json_text_check.hpp"

namespace p = novatalk::protocol;

template <class Decode>
static void round_trip(std::string_view input, Decode decode) {
  auto first = decode(input);
  if (!first) return;
  const std::string wire = p::encode(first.value());
  auto second = decode(wire);
  if (!second || p::encode(second.value()) != wire) std::abort();
}

// decode_client reads the relayed three on the fast path, decode_server on the full one, and
// encode(client_message) writes them with nlohmann, encode(server_message) with the escaper:
// the same input must give the same message and the same bytes either way.
static void relay_paths_agree(std::string_view input) {
  auto fast = p::decode_client(input);
  auto full = p::decode_server(input);
  const bool fast_relay = fast && p::is_relay(fast.value());
  const bool full_relay = full && std::visit(
                                      [](const auto& m) {
                                        using T = std::decay_t<decltype(m)>;
                                        return std::is_same_v<T, p::webrtc_offer> ||
                                               std::is_same_v<T, p::webrtc_answer> ||
                                               std::is_same_v<T, p::webrtc_ice_candidate>;
                                      },
                                      full.value());
  if (fast_relay != full_relay) std::abort();
  if (fast_relay && p::encode(fast.value()) != p::encode(full.value())) std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  round_trip(input, [](std::string_view s) { return p::decode_client(s); });
  round_trip(input, [](std::string_view s) { return p::decode_server(s); });
  (void)p::normalize_interest(input);
  relay_paths_agree(input);
  if (!p::json_text::check::reads_as_nlohmann(input)) std::abort();
  if (!p::json_text::check::escapes_as_nlohmann(input)) std::abort();
  return 0;
}
