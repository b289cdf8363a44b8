// The read buffer of a WebSocket session: Beast's flat_buffer, except that it stays small while
// the connection is idle. Beast prepares a pending read's buffer before any byte arrives, 1,536
// bytes by default, so every idle connection held that much (docs/performance.md).
#pragma once

#include <algorithm>
#include <cstddef>

#include <boost/beast/core/flat_buffer.hpp>

namespace novatalk::server {

class lazy_read_buffer : public boost::beast::flat_buffer {
  using base = boost::beast::flat_buffer;

 public:
  // What a read into an empty buffer may ask for: a join or an ICE candidate fits; a larger
  // frame (an SDP) takes one more step, which then grows the buffer as flat_buffer does.
  static constexpr std::size_t first_read_bytes = 256;
  // Kept after a frame has been consumed; a larger buffer (an SDP's) is given back.
  static constexpr std::size_t kept_bytes = 4096;

  using base::base;

  // Beast asks for at most max_size() - size() bytes, so an empty buffer reports a small one
  // (never less than what it already holds: no reallocation for a connection that is busy).
  std::size_t max_size() const noexcept {
    const std::size_t limit = base::max_size();
    if (size() != 0) return limit;
    return std::min(limit, std::max(first_read_bytes, capacity()));
  }

  void consume(std::size_t n) noexcept {
    base::consume(n);
    if (size() == 0 && capacity() > kept_bytes) shrink_to_fit();
  }
};

}  // namespace novatalk::server
