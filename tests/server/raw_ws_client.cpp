// The raw test client (see raw_ws_client.hpp): blocking POSIX calls bounded by poll().
#include "tests/server/raw_ws_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace novatalk::server::test {

std::uint16_t raw_frame::close_code() const {
  if (payload.size() < 2) return 0;
  return static_cast<std::uint16_t>((static_cast<unsigned char>(payload[0]) << 8) |
                                    static_cast<unsigned char>(payload[1]));
}

raw_ws_client::raw_ws_client(std::uint16_t port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd_ < 0) return;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

raw_ws_client::~raw_ws_client() {
  if (fd_ >= 0) ::close(fd_);
}

bool raw_ws_client::send_raw(std::string_view bytes) {
  while (!bytes.empty()) {
    const auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Reads what is there (waiting until the deadline for something); false on timeout or end.
bool raw_ws_client::fill(std::chrono::steady_clock::time_point deadline) {
  if (eof_) return false;
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(std::max<long long>(left.count(), 0))) <= 0) return false;
  char buf[65536];
  const auto n = ::recv(fd_, buf, sizeof buf, 0);
  if (n <= 0) {
    eof_ = true;
    return false;
  }
  in_.append(buf, static_cast<std::size_t>(n));
  return true;
}

int raw_ws_client::handshake(const std::string& extra_headers, bool standard) {
  std::string req = "GET /ws HTTP/1.1\r\n";
  if (standard)
    req +=
        "Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
  req += extra_headers + "\r\n";
  if (!send_raw(req)) return 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  std::size_t end;
  while ((end = in_.find("\r\n\r\n")) == std::string::npos)
    if (!fill(deadline)) return 0;
  head_ = in_.substr(0, end + 4);
  in_.erase(0, end + 4);
  if (head_.size() < 12 || head_.compare(0, 9, "HTTP/1.1 ") != 0) return 0;
  return std::stoi(head_.substr(9, 3));
}

std::optional<raw_frame> raw_ws_client::next_frame(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    // Server frames are unmasked: 2 bytes, the extended length, the payload.
    if (in_.size() >= 2) {
      const auto b1 = static_cast<unsigned char>(in_[1]);
      std::size_t at = 2;
      std::uint64_t length = b1 & 0x7F;
      const std::size_t ext = length == 126 ? 2 : length == 127 ? 8 : 0;
      if (in_.size() >= at + ext) {
        if (ext != 0) {
          length = 0;
          for (std::size_t i = 0; i < ext; ++i)
            length = (length << 8) | static_cast<unsigned char>(in_[at + i]);
        }
        at += ext;
        if (in_.size() >= at + length) {
          raw_frame f;
          f.fin = (static_cast<unsigned char>(in_[0]) & 0x80) != 0;
          f.opcode = static_cast<unsigned char>(in_[0]) & 0x0F;
          f.payload = in_.substr(at, static_cast<std::size_t>(length));
          in_.erase(0, at + static_cast<std::size_t>(length));
          return f;
        }
      }
    }
    if (!fill(deadline)) return std::nullopt;
  }
}

std::optional<std::string> raw_ws_client::next_text(std::chrono::milliseconds timeout) {
  for (;;) {
    auto f = next_frame(timeout);
    if (!f) return std::nullopt;
    if (f->opcode == 0x9) continue;
    if (f->opcode != 0x1) return std::nullopt;
    if (f->payload.find(R"("type":"online")") != std::string::npos) continue;
    return f->payload;
  }
}

bool raw_ws_client::wait_eof(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!eof_)
    if (!fill(deadline) && !eof_) return false;
  return true;
}

}  // namespace novatalk::server::test
