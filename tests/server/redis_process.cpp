// The redis-server child process of the tests (see redis_process.hpp).
#include "tests/server/redis_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>
#include <vector>

namespace novatalk::server::test {
namespace {

int connect_to(std::uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const int r = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  close(fd);
  return r;
}

}  // namespace

std::uint16_t free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  std::uint16_t port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0)
    port = ntohs(a.sin_port);
  close(fd);
  return port;
}

bool wait_for_port(std::uint16_t port, int seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (connect_to(port) == 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling, not an assertion
  }
  return false;
}

redis_process::redis_process() {
  for (int attempt = 0; attempt < 5 && pid_ <= 0; ++attempt) {
    port_ = free_port();
    if (!start()) port_ = 0;
  }
}

redis_process::~redis_process() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
}

bool redis_process::start() {
  if (pid_ > 0 || port_ == 0) return pid_ > 0;
  const std::string port = std::to_string(port_);
  std::vector<const char*> argv = {"redis-server", "--port",     port.c_str(), "--bind",
                                   "127.0.0.1",    "--save",     "",           "--appendonly",
                                   "no",           "--loglevel", "warning",    nullptr};
  const pid_t pid = fork();
  if (pid == 0) {
    const int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    execvp(argv[0], const_cast<char* const*>(argv.data()));
    _exit(127);
  }
  pid_ = pid;
  if (!wait_for_port(port_, 10)) {
    kill_now();
    return false;
  }
  return true;
}

void redis_process::kill_now() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

}  // namespace novatalk::server::test
