// The site's config.json as the headers see it: read again whenever the file changed (mtime or
// size), so adding a partner origin to allowedParents is all it takes. Thread-safe, Beast-free.
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>

#include "server/site_headers.hpp"

namespace novatalk::server {

class site_config {
 public:
  // `www_dir` empty: no site, an empty policy.
  explicit site_config(std::string www_dir);

  // The policy as of now. A missing file is no partners; a malformed one is no partners and one
  // log line (`site_config_error`), once per change of the file.
  site_policy current();

 private:
  std::mutex mutex_;
  std::string path_;  // <www>/config.json, or empty
  bool seen_ = false;
  std::filesystem::file_time_type mtime_{};
  std::uintmax_t size_ = 0;
  site_policy policy_;
};

}  // namespace novatalk::server
