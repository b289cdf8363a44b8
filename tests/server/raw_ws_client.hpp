// A WebSocket client over a plain POSIX socket for the tests that need what no well-behaved
// client sends: unmasked frames, reserved bits, bad close codes, hand-made fragments and
// handshakes. Every wait has a timeout.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace novatalk::server::test {

struct raw_frame {
  std::uint8_t opcode = 0;
  bool fin = false;
  std::string payload;
  // For a close frame: its code (0 when it has none).
  std::uint16_t close_code() const;
};

class raw_ws_client {
 public:
  // Connects to 127.0.0.1:port; check connected().
  explicit raw_ws_client(std::uint16_t port);
  ~raw_ws_client();
  raw_ws_client(const raw_ws_client&) = delete;
  raw_ws_client& operator=(const raw_ws_client&) = delete;

  bool connected() const { return fd_ >= 0; }
  // Sends an upgrade request for /ws with these extra header lines ("Name: value\r\n" each;
  // `standard` adds Host, Upgrade, Connection, Sec-WebSocket-Version 13 and a good key) and
  // reads the answer's head: its status (0 when none came), the head in `head`.
  int handshake(const std::string& extra_headers = {}, bool standard = true);
  const std::string& head() const { return head_; }

  bool send_raw(std::string_view bytes);
  // The next frame from the server; nullopt on timeout or end of stream.
  std::optional<raw_frame> next_frame(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // The next text frame, skipping `online` broadcasts and the server's pings.
  std::optional<std::string> next_text(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // Waits for the server to end the stream (after its close): true when it did.
  bool wait_eof(std::chrono::milliseconds timeout = std::chrono::seconds(5));

 private:
  bool fill(std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  std::string head_;
  std::string in_;  // bytes read and not yet parsed
  bool eof_ = false;
};

}  // namespace novatalk::server::test
