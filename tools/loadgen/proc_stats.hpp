// What the kernel says about the server under test: its RSS and CPU time (/proc/<pid>), and the
// machine's TCP socket memory (/proc/net/sockstat, both ends of loopback connections count).
#pragma once

#include <sys/types.h>
#include <cstdint>
#include <optional>
#include <vector>

namespace novatalk::loadgen {

// VmRSS in KiB, summed over `pids`; nullopt when there are none or one is gone or unreadable.
std::optional<std::uint64_t> rss_kib(const std::vector<pid_t>& pids);
// utime + stime in seconds, summed likewise.
std::optional<double> cpu_seconds(const std::vector<pid_t>& pids);

struct sockstat {
  std::uint64_t tcp_inuse = 0;
  std::uint64_t tcp_mem_pages = 0;  // pages of socket buffers, every TCP socket of the machine
  // Slab: from /proc/meminfo, the machine's kernel objects (socket, file, epoll entry, ...): an
  // idle socket has no buffer pages, its kernel cost is here.
  std::uint64_t slab_kib = 0;
};
std::optional<sockstat> read_sockstat();

// Raises this process's open-file limit to its hard limit (a connection is a descriptor).
// Returns the limit now in force.
std::uint64_t raise_file_limit();

}  // namespace novatalk::loadgen
