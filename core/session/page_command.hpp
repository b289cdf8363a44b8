// Commands an embedding page (or the tests) posts to the client, as JSON objects
// {"target":"novatalk","cmd":...}, turned into the session events a person's clicks would give.
// docs/client.md lists them. Platform-free, so GoogleTest covers every malformed case.
#pragma once

#include <string>
#include <string_view>

#include "core/session/session_events.hpp"
#include "core/util/result.hpp"

namespace novatalk::session {

struct page_command_error {
  std::string message;  // for the page's `error` event; never echoes the input
};

// Longer commands are refused unread (a chat line is at most 1,000 characters).
inline constexpr std::size_t max_page_command_bytes = 16 * 1024;

result<event, page_command_error> parse_page_command(std::string_view json_text);

}  // namespace novatalk::session
