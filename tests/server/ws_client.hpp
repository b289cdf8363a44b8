// A small blocking WebSocket client for the integration tests. Every wait has a timeout, so a
// missing message fails the test instead of hanging it. Beast stays inside ws_client.cpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace novatalk::server::test {

using namespace std::chrono_literals;
using json = nlohmann::json;
// Extra request headers: name, value (sent as given, after the ones a client sends anyway).
using header_list = std::vector<std::pair<std::string, std::string>>;

class ws_client {
 public:
  // Connects to ws://127.0.0.1:port/ws; check connected(). `origin`: the upgrade's Origin
  // header, as a browser sends it (none when nullopt). `extra_headers` go into the upgrade
  // request too (X-Forwarded-For, Sec-WebSocket-Extensions).
  explicit ws_client(std::uint16_t port, std::chrono::milliseconds timeout = 5s,
                     std::optional<std::string> origin = std::nullopt,
                     header_list extra_headers = {});
  ~ws_client();
  ws_client(ws_client&&) noexcept;

  bool connected() const;
  // The HTTP status of the upgrade's answer (101 when accepted; 0 if none arrived).
  int handshake_status() const;
  // A header of the upgrade's answer by name (any case); "" when absent.
  std::string handshake_header(const std::string& name) const;
  // Blocks until written; false on error or timeout.
  bool send(std::string_view text);
  bool send_json(const json& message) { return send(message.dump()); }
  bool send_binary(std::string_view bytes);

  // The next text frame, skipping `online` broadcasts (they come whenever the count changed);
  // nullopt on timeout or when the connection closed.
  std::optional<std::string> next_text(std::chrono::milliseconds timeout = 5s,
                                       bool skip_online = true);
  // The same, parsed; a null json on timeout or close.
  json next(std::chrono::milliseconds timeout = 5s, bool skip_online = true);
  // Waits until the server closed the connection; its close code, or nullopt on timeout.
  std::optional<std::uint16_t> wait_closed(std::chrono::milliseconds timeout = 5s);
  // The reason of the server's close frame (after wait_closed), e.g. a drain's "retry:5000".
  std::string close_reason() const;
  // Closes the connection (WebSocket close handshake, bounded by a timeout).
  void close();
  // Drops the TCP connection without a close frame.
  void drop();

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

// An HTTP request with the target sent exactly as given (tests use "/../" targets).
struct http_response {
  int status = 0;
  std::string content_type;
  std::string cache_control;
  std::string content_length;
  std::string body;
  std::map<std::string, std::string> headers;  // every header, names in lowercase
  // A header by its lowercase name; "" when absent.
  std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};
std::optional<http_response> http_request(std::uint16_t port, const std::string& method,
                                          const std::string& target,
                                          std::chrono::milliseconds timeout = 5s,
                                          const header_list& extra_headers = {});

}  // namespace novatalk::server::test
