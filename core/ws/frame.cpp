// Close codes a peer may send (see frame.hpp).
#include "core/ws/frame.hpp"

namespace novatalk::ws {

bool is_valid_close_code(std::uint16_t code) {
  if (code >= 1000 && code <= 1003) return true;
  if (code >= 1007 && code <= 1014) return true;
  return code >= 3000 && code <= 4999;
}

}  // namespace novatalk::ws
