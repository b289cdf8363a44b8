// Parsers of /proc/<pid>/status, /proc/<pid>/stat and /proc/net/sockstat.
#include "tools/loadgen/proc_stats.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace novatalk::loadgen {
namespace {

std::optional<std::uint64_t> rss_of(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoull(line.substr(6));
  }
  return std::nullopt;
}

std::optional<double> cpu_of(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string all;
  if (!std::getline(in, all)) return std::nullopt;
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const auto close = all.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream rest(all.substr(close + 2));
  std::string field;
  unsigned long long utime = 0, stime = 0;
  for (int n = 3; rest >> field; ++n) {
    if (n == 14) utime = std::stoull(field);
    if (n == 15) {
      stime = std::stoull(field);
      return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
    }
  }
  return std::nullopt;
}

template <class T, class F>
std::optional<T> summed(const std::vector<pid_t>& pids, F of) {
  if (pids.empty()) return std::nullopt;
  T total{};
  for (pid_t pid : pids) {
    const auto v = of(pid);
    if (!v) return std::nullopt;
    total += *v;
  }
  return total;
}

}  // namespace

std::optional<std::uint64_t> rss_kib(const std::vector<pid_t>& pids) {
  return summed<std::uint64_t>(pids, rss_of);
}

std::optional<double> cpu_seconds(const std::vector<pid_t>& pids) {
  return summed<double>(pids, cpu_of);
}

std::optional<sockstat> read_sockstat() {
  std::ifstream in("/proc/net/sockstat");
  std::string line;
  std::optional<sockstat> s;
  while (std::getline(in, line)) {
    if (line.rfind("TCP:", 0) != 0) continue;
    std::istringstream words(line.substr(4));
    std::string key;
    std::uint64_t value = 0;
    s.emplace();
    while (words >> key >> value) {
      if (key == "inuse") s->tcp_inuse = value;
      if (key == "mem") s->tcp_mem_pages = value;
    }
  }
  std::ifstream meminfo("/proc/meminfo");
  while (s && std::getline(meminfo, line)) {
    if (line.rfind("Slab:", 0) == 0) s->slab_kib = std::stoull(line.substr(5));
  }
  return s;
}

std::uint64_t raise_file_limit() {
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return 0;
  lim.rlim_cur = lim.rlim_max;
  setrlimit(RLIMIT_NOFILE, &lim);
  getrlimit(RLIMIT_NOFILE, &lim);
  return lim.rlim_cur;
}

}  // namespace novatalk::loadgen
