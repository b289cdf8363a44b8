// Printing of run reports (see report.hpp).
#include "tools/loadgen/report.hpp"

#include <cstdio>
#include <string>

namespace novatalk::loadgen {
namespace {

double us(std::uint64_t ns) { return static_cast<double>(ns / 100) / 10.0; }  // 0.1 us steps

void table_rows(const nlohmann::json& j, const std::string& prefix) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string key = prefix.empty() ? it.key() : prefix + "." + it.key();
    if (it->is_object() && !it->empty()) {
      table_rows(*it, key);
    } else {
      std::fprintf(stderr, "  %-40s %s\n", key.c_str(), it->dump().c_str());
    }
  }
}

}  // namespace

nlohmann::json percentiles_us(const histogram& h) {
  return {{"count", h.count()},
          {"p50", us(h.percentile(0.5))},
          {"p90", us(h.percentile(0.9))},
          {"p99", us(h.percentile(0.99))},
          {"p999", us(h.percentile(0.999))},
          {"max", us(h.max())}};
}

void print_report(const run_report& r, output_format format) {
  if (format != output_format::table) {
    std::printf("%s\n", r.result.dump().c_str());
    std::fflush(stdout);
  }
  if (format != output_format::json) {
    std::fprintf(stderr, "novatalk-loadgen %s: %s\n",
                 r.result.value("mode", std::string("?")).c_str(), r.ok ? "ok" : "FAILED");
    table_rows(r.result, "");
  }
}

}  // namespace novatalk::loadgen
