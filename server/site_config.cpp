// Re-reading config.json for the headers (see site_config.hpp). One stat per request: cheap next
// to sending a file, and no watcher thread to stop.
#include "server/site_config.hpp"

#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

#include "server/log.hpp"

namespace novatalk::server {
namespace fs = std::filesystem;

site_config::site_config(std::string www_dir) {
  if (!www_dir.empty()) path_ = (fs::path(www_dir) / "config.json").string();
}

site_policy site_config::current() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (path_.empty()) return policy_;
  std::error_code ec;
  const auto mtime = fs::last_write_time(path_, ec);
  const auto size = ec ? 0 : fs::file_size(path_, ec);
  if (ec) {  // no config.json: a site without partners
    seen_ = false;
    policy_ = {};
    return policy_;
  }
  if (seen_ && mtime == mtime_ && size == size_) return policy_;
  seen_ = true;
  mtime_ = mtime;
  size_ = size;

  std::ifstream in(path_, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  auto parsed = parse_site_policy(text.str());
  if (!parsed) {
    policy_ = {};
    log_line("site_config_error").add("error", parsed.error() + "; serving with no partners");
    return policy_;
  }
  policy_ = std::move(parsed.value());
  if (!policy_.problems.empty()) {
    std::string all;
    for (const auto& p : policy_.problems) all += (all.empty() ? "" : "; ") + p;
    log_line("site_config_error").add("error", all + "; those entries are ignored");
  }
  log_line("site_config").add("partners", std::uint64_t{policy_.partners.size()});
  return policy_;
}

}  // namespace novatalk::server
