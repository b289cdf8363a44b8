// Web origins as browsers serialise them ("https://host[:port]") and the allowlist of parent
// origins that may embed and drive the page (config.json's allowedParents). Exact matching only:
// no wildcards, no suffixes, so a look-alike ("partner.example.evil.test") never passes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.hpp"

namespace novatalk::embed {

// A serialised origin is short; anything longer is refused unread.
inline constexpr std::size_t max_origin_chars = 256;
// config.json's allowedParents beyond this many entries are refused (the rest still apply).
inline constexpr std::size_t max_allowed_parents = 64;

struct origin_error {
  std::string message;  // says what is wrong; never echoes the input
};

// "HTTPS://Partner.Example:443/" -> "https://partner.example". Accepts http: and https: with an
// ASCII host (punycode for others), an optional port and at most a lone trailing "/". Refuses
// "null", "*", wildcards, user info, paths, queries, fragments, spaces and control characters.
result<std::string, origin_error> normalize_origin(std::string_view text);

// Who may talk to the page: its own origin and the listed parents, compared exactly after
// normalisation. An opaque origin ("null", sandboxed or file:) is never allowed.
class origin_allowlist {
 public:
  origin_allowlist() = default;
  // `own` is the page's location.origin; `entries` come from config.json.
  origin_allowlist(std::string_view own, const std::vector<std::string>& entries);

  bool allows(std::string_view origin) const;
  const std::vector<std::string>& origins() const { return allowed_; }  // normalised, own first
  // One line per refused entry ("allowedParents[2]: path not allowed"), for the console.
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> allowed_;
  std::vector<std::string> problems_;
};

}  // namespace novatalk::embed
