// Parsing of the load generator's flags: every value checked, nothing thrown.
#include "tools/loadgen/options.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>

namespace novatalk::loadgen {
namespace {

bool to_double(const std::string& s, double& out, double min, double max) {
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || errno != 0 || *end != '\0' || !(v >= min && v <= max)) return false;
  out = v;
  return true;
}

template <class T>
bool to_uint(const std::string& s, T& out, unsigned long long min, unsigned long long max) {
  char* end = nullptr;
  errno = 0;
  const unsigned long long v = std::strtoull(s.c_str(), &end, 10);
  if (s.empty() || s[0] == '-' || errno != 0 || *end != '\0' || v < min || v > max) return false;
  out = static_cast<T>(v);
  return true;
}

// A comma-separated list of numbers from 1 to max.
template <class T>
bool to_uint_list(const std::string& s, std::vector<T>& out, unsigned long long max) {
  out.clear();
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t comma = std::min(s.find(',', start), s.size());
    T v{};
    if (!to_uint(s.substr(start, comma - start), v, 1, max)) return false;
    out.push_back(v);
    start = comma + 1;
  }
  return !out.empty();
}

}  // namespace

const char* usage() {
  return R"(usage: novatalk-loadgen MODE --port PORT[,PORT...] [flags]
modes:
  idle     open --conns idle connections, hold them, report server RSS per connection
  setups   --pairs pairs doing call setups in a loop for --duration seconds
  relay    open-loop ICE candidate relay at --rate messages/s for --duration seconds
flags (default):
  --host IPv4 (127.0.0.1)  --path (/ws)  --threads N (1)  --server-pid PID[,PID...] (none)
  (several ports: connections take them in turn; several pids: RSS and CPU are summed)
  --format both|json|table (both: JSON line on stdout, table on stderr)  --timeout S (120)
  idle:   --conns N (1000) --join (off) --hold S (2) --sources N (1 per 20000) --window N (256)
  setups: --pairs P (50) --duration S (10) --setups N (none: stop after N, within the duration)
  relay:  --pairs P (100) --rate R (1000) --duration S (10) --warmup S (1)
)";
}

result<options, std::string> parse_options(const std::vector<std::string>& args) {
  options o;
  if (args.empty()) return fail(std::string("a mode is required (idle, setups, relay)"));
  if (args[0] == "idle") {
    o.run_mode = mode::idle;
  } else if (args[0] == "setups") {
    o.run_mode = mode::setups;
  } else if (args[0] == "relay") {
    o.run_mode = mode::relay;
  } else {
    return fail("unknown mode: " + args[0]);
  }
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& flag = args[i];
    if (flag == "--join") {
      o.join = true;
      continue;
    }
    if (i + 1 >= args.size()) return fail(flag + " needs a value");
    const std::string& v = args[++i];
    bool ok = true;
    if (flag == "--host") {
      o.host = v;
    } else if (flag == "--port") {
      ok = to_uint_list(v, o.ports, 65535);
    } else if (flag == "--path") {
      ok = !v.empty() && v[0] == '/';
      o.path = v;
    } else if (flag == "--threads") {
      ok = to_uint(v, o.threads, 1, 64);
    } else if (flag == "--server-pid") {
      ok = to_uint_list(v, o.server_pids, 1u << 30);
    } else if (flag == "--format") {
      ok = v == "both" || v == "json" || v == "table";
      o.format = v == "json"    ? output_format::json
                 : v == "table" ? output_format::table
                                : output_format::both;
    } else if (flag == "--timeout") {
      ok = to_double(v, o.timeout_s, 0.1, 86400);
    } else if (flag == "--conns") {
      ok = to_uint(v, o.conns, 1, 10000000);
    } else if (flag == "--hold") {
      ok = to_double(v, o.hold_s, 0, 86400);
    } else if (flag == "--sources") {
      ok = to_uint(v, o.sources, 1, 250);
    } else if (flag == "--window") {
      ok = to_uint(v, o.window, 1, 100000);
    } else if (flag == "--pairs") {
      ok = to_uint(v, o.pairs, 1, 1000000);
    } else if (flag == "--duration") {
      ok = to_double(v, o.duration_s, 0.1, 86400);
    } else if (flag == "--setups") {
      ok = to_uint(v, o.setups, 1, 1u << 30);
    } else if (flag == "--rate") {
      ok = to_double(v, o.rate, 1, 10000000);
    } else if (flag == "--warmup") {
      ok = to_double(v, o.warmup_s, 0, 3600);
    } else {
      return fail("unknown flag: " + flag);
    }
    if (!ok) return fail("bad value for " + flag);
  }
  if (o.ports.empty()) return fail(std::string("--port is required"));
  if (o.pairs == 0) o.pairs = o.run_mode == mode::relay ? 100 : 50;
  return o;
}

}  // namespace novatalk::loadgen
