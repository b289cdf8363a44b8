// One line per event on stderr: `2026-11-26T16:40:00.123Z event=matched a=12 b=14 common=1`.
// Policy: ids, event names, counts and error codes only; never addresses, SDP, candidates or
// message contents (docs/server.md, "Logging").
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace novatalk::server {

// Builds one line and writes it whole when destroyed, so lines from threads never interleave:
//   log_line("matched").add("a", a).add("b", b);
// Off: every log_line is dropped unbuilt. Only for fuzzing (tests/server/hub_fuzz.cpp), where
// millions of lines would cost more time than the code under test; the server never turns it off.
void set_log_enabled(bool on);

// Buffered writing: the server hands in `schedule_flush`, which must arrange for log_flush() to
// run soon on another stack (novatalk-server posts it onto its io_context: it runs after the
// handlers already queued, so the lines of one batch of I/O go out in one write(2), and never
// sit in the buffer while the server is idle). Called at most once per batch, never under the
// log's lock. An empty function (the default: tests, tools) writes every line at once; setting
// one flushes what is buffered first.
void log_defer_to(std::function<void()> schedule_flush);
// Writes what is buffered now (`listening`, before exiting).
void log_flush();
// Buffered lines past this many bytes are written at once, without waiting for the flush.
inline constexpr std::size_t log_buffer_bytes = 64 * 1024;

class log_line {
 public:
  explicit log_line(std::string_view event);
  ~log_line();
  log_line(const log_line&) = delete;
  log_line& operator=(const log_line&) = delete;

  log_line& add(std::string_view key, std::uint64_t value);
  // `value` must be one of our own tokens (an event, a code): never text from a client.
  log_line& add(std::string_view key, std::string_view value);
  log_line& add(std::string_view key, const char* value) {
    return add(key, std::string_view(value));
  }
  log_line& add(std::string_view key, int value);

 private:
  std::string line_;
  bool on_;
};

}  // namespace novatalk::server
