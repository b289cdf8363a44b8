// The server child process for the tests (see server_process.hpp).
#include "tests/server/server_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>

namespace novatalk::server::test {
namespace {

using clock = std::chrono::steady_clock;

pid_t spawn(const std::vector<std::string>& args, int out_fd, int err_fd, const std::string& cwd) {
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(server_path()));
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    if (out_fd >= 0) dup2(out_fd, 1);
    dup2(err_fd, 2);
    if (chdir(cwd.c_str()) != 0) _exit(126);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

// Waits for `pid` up to `timeout`, then SIGKILLs it. The exit code, or -1 if killed/signalled.
int reap(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = clock::now() + timeout;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // polling, not an assertion
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void drain(int fd, std::string& into) {
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) into.append(buf, static_cast<std::size_t>(n));
}

}  // namespace

const char* server_path() { return NOVATALK_SERVER_PATH; }

run_result run_to_exit(const std::vector<std::string>& args, std::chrono::milliseconds timeout) {
  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) return {};
  const pid_t pid = spawn(args, out[1], err[1], "/");
  close(out[1]);
  close(err[1]);
  run_result r;
  // Both outputs are small (help text, one error line); read them after the child finished
  // would risk a full pipe, so read both until EOF first.
  std::thread t([&] { drain(err[0], r.err); });
  drain(out[0], r.out);
  t.join();
  close(out[0]);
  close(err[0]);
  r.exit_code = reap(pid, timeout);
  return r;
}

server_process::server_process(std::vector<std::string> extra_args, std::string cwd) {
  std::vector<std::string> args = {"--listen", "127.0.0.1:0", "--interest-wait", "1"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  int err[2];
  if (pipe2(err, O_CLOEXEC) != 0) return;
  pid_ = spawn(args, -1, err[1], cwd);
  close(err[1]);
  reader_ = std::thread([this, fd = err[0]] { read_stderr(fd); });

  const std::string marker = "event=listening port=";
  if (!wait_for_log(marker, std::chrono::seconds(10))) return;
  std::lock_guard<std::mutex> lock(mutex_);
  const auto at = log_.find(marker) + marker.size();
  port_ = static_cast<std::uint16_t>(std::strtoul(log_.c_str() + at, nullptr, 10));
}

// Every test checks the clean shutdown on SIGTERM, and (in sanitizer builds) a clean report.
server_process::~server_process() {
  const bool was_running = pid_ > 0 && port_ != 0;
  const int code = stop();
  if (reader_.joinable()) reader_.join();
  if (was_running) {
    EXPECT_EQ(code, 0) << "server exit code; its log:\n" << log_;
  }
  for (const char* bad : {"Sanitizer", "runtime error:"})
    EXPECT_EQ(log_.find(bad), std::string::npos) << log_;
}

void server_process::read_stderr(int fd) {
  char buf[4096];
  for (;;) {
    const ssize_t n = read(fd, buf, sizeof buf);
    std::lock_guard<std::mutex> lock(mutex_);
    if (n <= 0) {
      eof_ = true;
      changed_.notify_all();
      break;
    }
    log_.append(buf, static_cast<std::size_t>(n));
    changed_.notify_all();
  }
  close(fd);
}

std::string server_process::log() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return log_;
}

bool server_process::wait_for_log(std::string_view needle,
                                  std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] {
    return log_.find(needle) != std::string::npos || eof_;
  }) && log_.find(needle) != std::string::npos;
}

void server_process::kill_now() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  reap(pid_, std::chrono::seconds(10));
  pid_ = -1;
  port_ = 0;
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait_for(lock, std::chrono::seconds(5), [&] { return eof_; });
}

void server_process::terminate() {
  if (pid_ > 0) kill(pid_, SIGTERM);
}

std::optional<int> server_process::wait_exit(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return exit_code_;
  const auto deadline = clock::now() + timeout;
  int status = 0;
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (clock::now() > deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // polling, not an assertion
  }
  exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  pid_ = -1;
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait_for(lock, std::chrono::seconds(5), [&] { return eof_; });
  return exit_code_;
}

int server_process::stop() {
  if (pid_ <= 0) return exit_code_;
  kill(pid_, SIGTERM);
  exit_code_ = reap(pid_, std::chrono::seconds(10));
  pid_ = -1;
  // The child's stderr is closed now: wait for the reader to have everything.
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait_for(lock, std::chrono::seconds(5), [&] { return eof_; });
  return exit_code_;
}

}  // namespace novatalk::server::test
