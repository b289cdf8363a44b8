// JSON text <-> protocol messages. Decoding validates everything (types, limits, UTF-8) and
// returns the error code and message the server sends back; encoding never fails.
#pragma once

#include <string>
#include <string_view>

#include "core/protocol/messages.hpp"
#include "core/util/result.hpp"

namespace novatalk::protocol {

struct decode_error {
  error_code code = error_code::bad_message;
  std::string message;  // safe to send back and to log: never echoes the input
};

result<client_message, decode_error> decode_client(std::string_view text);
result<server_message, decode_error> decode_server(std::string_view text);

std::string encode(const client_message& m);
std::string encode(const server_message& m);

// Interest tag as compared by the pairing rules: cleaned by the one sanitiser of stranger text
// (chat::sanitize_interest_tag: invisible and bidi characters dropped, spaces trimmed and runs made
// one, ASCII lowercased). Empty when the tag is not acceptable: a control character (C0, DEL),
// over 128 bytes, or empty or longer than max_interest_chars after cleaning.
std::string normalize_interest(std::string_view tag);

}  // namespace novatalk::protocol
