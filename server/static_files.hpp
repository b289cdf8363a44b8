// Maps an HTTP request target to a file of the static site (--www): refuses path traversal,
// serves index.html for directories, and picks the Content-Type. Beast-free; http_session sends.
#pragma once

#include <string>
#include <string_view>

#include "core/util/result.hpp"

namespace novatalk::server {

struct static_file {
  std::string path;       // absolute, inside the site root
  std::string mime_type;  // Content-Type
  bool no_cache = false;  // index.html and config.json change on every deploy
};

enum class static_error {
  bad_target,  // traversal, not absolute, bad escapes: 400
  not_found,   // 404
};

class static_files {
 public:
  // An empty root serves nothing (every lookup is not_found).
  explicit static_files(std::string root);

  result<static_file, static_error> lookup(std::string_view target) const;

  static std::string_view mime_type(std::string_view path);

 private:
  std::string root_;  // canonical, or empty
};

}  // namespace novatalk::server
