// Maps an HTTP request target to a file of the static site (--www): refuses path traversal,
// serves index.html for directories, picks the Content-Type, and a precompressed sibling
// (<file>.br, <file>.gz) when the request accepts it. Beast-free; http_session sends.
#pragma once

#include <string>
#include <string_view>

#include "core/util/result.hpp"

namespace novatalk::server {

struct static_file {
  std::string path;              // absolute, inside the site root: what to send
  std::string name;              // the requested file's name (not the sibling's): its headers
  std::string mime_type;         // Content-Type, of the requested file
  std::string content_encoding;  // "br" or "gzip" when `path` is a sibling, else ""
  bool has_variants = false;     // a sibling exists: the answer varies with Accept-Encoding
};

enum class static_error {
  bad_target,  // traversal, not absolute, bad escapes: 400
  not_found,   // 404
};

class static_files {
 public:
  // An empty root serves nothing (every lookup is not_found).
  explicit static_files(std::string root);

  // `accept_encoding`: the request's Accept-Encoding header ("" = none: identity only).
  result<static_file, static_error> lookup(std::string_view target,
                                           std::string_view accept_encoding = {}) const;

  static std::string_view mime_type(std::string_view path);
  // "br", "gzip" or "" (identity) for an Accept-Encoding header and the siblings that exist:
  // the highest q-value wins, br on a tie; q=0 refuses, `*` stands for codings not named.
  static std::string_view choose_encoding(std::string_view accept_encoding, bool has_br,
                                          bool has_gzip);

 private:
  std::string root_;  // canonical, or empty
};

}  // namespace novatalk::server
