// A real redis-server for the tests: started on a free loopback port (no persistence), stopped
// by its pid. It can be stopped and started again on the same port, to test outages.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

namespace novatalk::server::test {

class redis_process {
 public:
  redis_process();  // starts it; started() says whether that worked
  ~redis_process();
  redis_process(const redis_process&) = delete;
  redis_process& operator=(const redis_process&) = delete;

  bool started() const { return pid_ > 0; }
  std::uint16_t port() const { return port_; }
  std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_); }
  // SIGKILL (an outage, not a shutdown); start() brings it back on the same port.
  void kill_now();
  bool start();

 private:
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

// A loopback TCP port that was free a moment ago.
std::uint16_t free_port();
// True once something accepts TCP connections on 127.0.0.1:port (polls up to `seconds`).
bool wait_for_port(std::uint16_t port, int seconds);

}  // namespace novatalk::server::test
