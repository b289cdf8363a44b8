// One HTTP connection: /healthz, the static site, and the upgrade of /ws to a websocket_session.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "server/address_limits.hpp"
#include "server/beast.hpp"
#include "server/websocket_handshake.hpp"

namespace novatalk::server {

class shared_state;

class http_session : public std::enable_shared_from_this<http_session> {
 public:
  http_session(tcp::socket&& socket, std::shared_ptr<shared_state> state);
  void run();

 private:
  void fail(error_code ec, const char* what);
  void do_read();
  void on_read(error_code ec, std::size_t bytes);
  void on_write(bool keep_alive, error_code ec, std::size_t bytes);
  bool upgrade_origin_allowed() const;
  std::string client_ip();
  void refuse_upgrade();
  void refuse_busy(const address_limits::admission& admission);
  void refuse_handshake(const upgrade_check& check);
  void accept_upgrade(std::string accept, std::string ip);
  void on_upgrade_written(std::string ip, error_code ec);

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::shared_ptr<shared_state> state_;
  // A new parser per request: its limits and state start fresh.
  std::optional<http::request_parser<http::string_body>> parser_;
};

}  // namespace novatalk::server
