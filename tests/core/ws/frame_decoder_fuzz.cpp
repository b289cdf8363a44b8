// Fuzz target for core/ws/frame_decoder: any bytes as a client's stream must never crash, and
// the events must not depend on how the stream was split into reads (all at once, byte by byte,
// and in pieces of a size the input picks); messages stay within the limit, text is valid UTF-8,
// control payloads within 125 bytes, and nothing follows a close or a failure.
// Built as a libFuzzer binary with -DNOVATALK_FUZZ=ON (clang); ctest replays the corpus.
#include "core/ws/frame_decoder.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace ws = novatalk::ws;

namespace {

constexpr std::size_t limit = 4096;  // small, so that fuzzing reaches 1009 quickly

struct seen {
  ws::frame_event::kind what;
  std::string payload;
  std::uint16_t code;
  bool operator==(const seen& o) const {
    return what == o.what && payload == o.payload && code == o.code;
  }
};

std::vector<seen> decode(std::string bytes, std::size_t step) {
  ws::frame_decoder d(limit);
  std::vector<seen> out;
  bool ended = false;
  for (std::size_t at = 0; at < bytes.size(); at += step) {
    char* data = bytes.data() + at;
    std::size_t size = std::min(step, bytes.size() - at);
    for (;;) {
      const char* before = data;
      const auto e = d.next(data, size);
      if (data < before) std::abort();
      if (e.what == ws::frame_event::kind::need_more) break;
      if (ended) std::abort();  // nothing after a close or a failure
      using k = ws::frame_event::kind;
      if (e.what == k::text && !novatalk::chat::is_valid_utf8(e.payload)) std::abort();
      if ((e.what == k::text || e.what == k::binary) && e.payload.size() > limit) std::abort();
      if ((e.what == k::ping || e.what == k::pong) && e.payload.size() > ws::max_control_payload)
        std::abort();
      if (e.what == k::close || e.what == k::fail) ended = true;
      out.push_back({e.what, std::string(e.payload), e.code});
    }
    if (size != 0) std::abort();  // need_more means every byte was used
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t step = 1 + data[0] % 64;
  const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (bytes.empty()) return 0;
  const auto whole = decode(bytes, bytes.size());
  if (decode(bytes, 1) != whole) std::abort();
  if (decode(bytes, step) != whole) std::abort();
  return 0;
}
