// The stderr event log (see log.hpp).
#include "server/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

#include <unistd.h>
#include <cerrno>

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

// Whole lines waiting for log_flush(). One per process; its destructor writes what is left at
// exit. The lock is held while writing, so lines from threads keep their order.
struct line_buffer {
  std::mutex mutex;
  std::string text;
  std::function<void()> schedule_flush;  // empty: write at once
  bool flush_pending = false;            // schedule_flush was called and log_flush not yet run

  ~line_buffer() {
    std::lock_guard<std::mutex> lock(mutex);
    write_out();
  }

  // stderr (fd 2) directly: one write(2) for the whole batch, no stdio buffer in between.
  void write_out() {
    const char* p = text.data();
    std::size_t left = text.size();
    while (left > 0) {
      const ssize_t n = ::write(STDERR_FILENO, p, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // nowhere to write to: the lines are lost, the server goes on
      p += n;
      left -= static_cast<std::size_t>(n);
    }
    text.clear();
  }
};

line_buffer& buffer() {
  static line_buffer b;
  return b;
}

std::atomic<bool> enabled{true};

}  // namespace

void set_log_enabled(bool on) { enabled.store(on, std::memory_order_relaxed); }

void log_defer_to(std::function<void()> schedule_flush) {
  auto& b = buffer();
  std::lock_guard<std::mutex> lock(b.mutex);
  b.write_out();
  b.schedule_flush = std::move(schedule_flush);
  b.flush_pending = false;
}

void log_flush() {
  auto& b = buffer();
  std::lock_guard<std::mutex> lock(b.mutex);
  b.flush_pending = false;
  b.write_out();
}

log_line::log_line(std::string_view event) : on_(enabled.load(std::memory_order_relaxed)) {
  if (!on_) return;
  line_ = timestamp();
  line_ += " event=";
  line_ += event;
}

log_line::~log_line() {
  if (!on_) return;
  line_ += '\n';
  auto& b = buffer();
  std::function<void()> schedule;
  {
    std::lock_guard<std::mutex> lock(b.mutex);
    b.text += line_;
    if (!b.schedule_flush || b.text.size() >= log_buffer_bytes) {
      b.write_out();
    } else if (!b.flush_pending) {
      b.flush_pending = true;
      schedule = b.schedule_flush;
    }
  }
  if (schedule) schedule();
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
