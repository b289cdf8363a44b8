// The stderr event log (see log.hpp).
#include "server/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace novatalk::server {
namespace {

std::string timestamp() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  const std::time_t t = system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  const auto n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(buf + n, sizeof buf - n, ".%03dZ", static_cast<int>(ms));
  return buf;
}

std::mutex& stderr_mutex() {
  static std::mutex m;
  return m;
}

std::atomic<bool> enabled{true};

}  // namespace

void set_log_enabled(bool on) { enabled.store(on, std::memory_order_relaxed); }

log_line::log_line(std::string_view event) : on_(enabled.load(std::memory_order_relaxed)) {
  if (!on_) return;
  line_ = timestamp();
  line_ += " event=";
  line_ += event;
}

log_line::~log_line() {
  if (!on_) return;
  line_ += '\n';
  std::lock_guard<std::mutex> lock(stderr_mutex());
  std::fwrite(line_.data(), 1, line_.size(), stderr);
  std::fflush(stderr);
}

log_line& log_line::add(std::string_view key, std::uint64_t value) {
  return add(key, std::string_view(std::to_string(value)));
}

log_line& log_line::add(std::string_view key, int value) {
  return add(key, std::string_view(std::to_string(value)));
}

log_line& log_line::add(std::string_view key, std::string_view value) {
  if (!on_) return *this;
  line_ += ' ';
  line_ += key;
  line_ += '=';
  // Our values are tokens; an error's text has spaces, so it is quoted to keep one key=value.
  if (value.find_first_of(" \"") == std::string_view::npos && !value.empty()) {
    line_ += value;
  } else {
    line_ += '"';
    for (char c : value) line_ += c == '"' ? '\'' : c;
    line_ += '"';
  }
  return *this;
}

}  // namespace novatalk::server
