// One line per event on stderr: `2026-11-26T16:40:00.123Z event=matched a=12 b=14 common=1`.
// Policy: ids, event names, counts and error codes only; never addresses, SDP, candidates or
// message contents (docs/server.md, "Logging").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace novatalk::server {

// Builds one line and writes it whole when destroyed, so lines from threads never interleave:
//   log_line("matched").add("a", a).add("b", b);
// Off: every log_line is dropped unbuilt. Only for fuzzing (tests/server/hub_fuzz.cpp), where
// millions of lines would cost more time than the code under test; the server never turns it off.
void set_log_enabled(bool on);

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
