// Runs the real novatalk-server as a child process for the integration tests: starts it on a
// free loopback port, keeps all of its stderr (tests assert on the log), stops it by its pid.
#pragma once

#include <sys/types.h>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace novatalk::server::test {

// The binary under test (CMake passes $<TARGET_FILE:novatalk-server>).
const char* server_path();

struct run_result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the server (in "/") with `args` to completion (for --help and bad flags); kills it after
// `timeout`.
run_result run_to_exit(const std::vector<std::string>& args,
                       std::chrono::milliseconds timeout = std::chrono::seconds(10));

class server_process {
 public:
  // `--listen 127.0.0.1:0 --interest-wait 1`, then `extra_args`; waits for `event=listening`.
  // Runs in `cwd` ("/" has no out/www: no site unless --www says so).
  explicit server_process(std::vector<std::string> extra_args = {}, std::string cwd = "/");
  ~server_process();
  server_process(const server_process&) = delete;
  server_process& operator=(const server_process&) = delete;

  bool started() const { return port_ != 0; }
  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  // Everything written to stderr so far.
  std::string log() const;
  // Waits until the log contains `needle` (true) or `timeout` passed (false).
  bool wait_for_log(std::string_view needle,
                    std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;
  // SIGTERM, then waits; the exit code (or -1 if it had to be killed). Idempotent.
  int stop();
  // SIGKILL: a crash, no goodbye to anyone (the shared pool must notice by itself).
  void kill_now();
  // SIGTERM without waiting (a drain starts); then wait_exit().
  void terminate();
  // Waits up to `timeout` for the process to exit; its exit code, or nullopt if it still runs.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);

 private:
  void read_stderr(int fd);

  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  int exit_code_ = -1;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::string log_;
  bool eof_ = false;
  std::thread reader_;
};

}  // namespace novatalk::server::test
