// In-memory report counts (see report_counts.hpp).
#include "server/report_counts.hpp"

namespace novatalk::server {

std::uint64_t report_counts::add(client_id reported, client_id by) {
  auto& reporters = reporters_[reported];
  reporters.insert(by);
  return reporters.size();
}

std::uint64_t report_counts::count(client_id reported) const {
  auto it = reporters_.find(reported);
  return it == reporters_.end() ? 0 : it->second.size();
}

void report_counts::forget(client_id id) { reporters_.erase(id); }

}  // namespace novatalk::server
