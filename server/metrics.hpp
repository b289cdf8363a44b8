// GET /metrics: the server's counts in the Prometheus text format, for dashboards and the
// per-partner numbers (docs/server.md). Counts only, never who. Beast-free.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace novatalk::server {

struct metrics {
  std::uint64_t online = 0;                                      // open WebSockets
  std::vector<std::pair<std::string, std::uint64_t>> partners;  // id -> open connections
};

std::string metrics_text(const metrics& m);

}  // namespace novatalk::server
