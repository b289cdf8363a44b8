// novatalk-loadgen: drives any protocol v1 server with idle connections, call setups or an
// open-loop relay, and prints what it measured (docs/performance.md).
#include <cstdio>
#include <string>
#include <vector>

#include "tools/loadgen/options.hpp"
#include "tools/loadgen/proc_stats.hpp"
#include "tools/loadgen/runners.hpp"

int main(int argc, char** argv) {
  using namespace novatalk::loadgen;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::fputs(usage(), stdout);
    return 0;
  }
  auto parsed = parse_options(args);
  if (!parsed) {
    std::fprintf(stderr, "novatalk-loadgen: %s\n%s", parsed.error().c_str(), usage());
    return 2;
  }
  const options& o = parsed.value();
  // Every connection is a descriptor; the soft limit (often 1024) would cap a run.
  const auto limit = raise_file_limit();
  if (o.run_mode == mode::idle && o.conns + 64 > limit) {
    std::fprintf(stderr,
                 "novatalk-loadgen: --conns %u needs more descriptors than the limit %llu\n",
                 o.conns, static_cast<unsigned long long>(limit));
    return 2;
  }
  run_report r = o.run_mode == mode::idle     ? run_idle(o)
                 : o.run_mode == mode::setups ? run_setups(o)
                                              : run_relay(o);
  r.result["file_limit"] = limit;
  print_report(r, o.format);
  return r.ok ? 0 : 1;
}
