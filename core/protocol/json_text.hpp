// The JSON the server's relay needs without building a document: a strict reader of shallow
// objects (strings, null, small unsigned integers, one level of nesting), and the string escaper.
// Both agree byte for byte with nlohmann::json (the codec's fallback for everything else;
// tests/core/protocol/codec_fuzz.cpp checks the two against each other), so taking this path never
// changes what is accepted.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace novatalk::protocol::json_text {

// Objects with more members than this are left to the full parser.
inline constexpr std::size_t max_members = 8;

struct member;
// A value the shallow reader takes: a string, null, an unsigned integer of at most 9 digits, or
// (directly inside the top-level object only) an object of those.
struct value {
  enum class kind { string, null, number, object };
  kind type = kind::null;
  std::string text;            // kind::string, escapes decoded
  std::uint64_t number = 0;    // kind::number
  std::vector<member> object;  // kind::object
};
struct member {
  std::string key;
  value val;
};
using object = std::vector<member>;

// A JSON object of such values (JSON whitespace anywhere between tokens, any key order, keys
// distinct, escapes decoded), in the order written. Nullopt for anything else: not JSON,
// invalid UTF-8, a raw control character, true/false, an array, a negative, fractional or
// longer number, an object two levels down, a repeated key, a byte order mark, more than
// max_members members. Nullopt never means "invalid": the caller then asks the full parser,
// which decides.
std::optional<object> read_shallow(std::string_view text);

// The member named `key`, or null.
const value* find(const object& o, std::string_view key);
value* find(object& o, std::string_view key);

// Appends `s` as a JSON string (quotes included), escaped as nlohmann::json's dump() does without
// ensure_ascii: `"`, `\`, and control characters; every other byte as is. False if `s` is not
// valid UTF-8: then `out` has an unspecified tail, and the caller uses the full encoder (which
// replaces invalid bytes).
bool append_string(std::string& out, std::string_view s);

}  // namespace novatalk::protocol::json_text
