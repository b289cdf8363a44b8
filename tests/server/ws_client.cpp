// The test client (see ws_client.hpp): Beast's async operations on a private io_context, run
// only inside the blocking calls, with a deadline. One read is always pending, so frames that
// arrive while the test does something else wait in an inbox.
#include "tests/server/ws_client.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <cctype>
#include <deque>

namespace novatalk::server::test {
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = beast::error_code;

namespace {

// Runs `ioc` until `done()` or the timeout; true when done.
template <class Done>
bool run_until(net::io_context& ioc, Done done, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (ioc.stopped()) ioc.restart();
    if (ioc.run_one_until(deadline) == 0 && std::chrono::steady_clock::now() >= deadline)
      return done();
  }
  return true;
}

}  // namespace

struct ws_client::impl {
  net::io_context ioc;
  websocket::stream<beast::tcp_stream> ws{ioc};
  beast::flat_buffer buffer;
  std::deque<std::string> inbox;
  bool open = false;
  bool closed = false;  // the read loop ended
  int handshake_status = 0;
  websocket::response_type handshake;
  error_code read_error;

  void start_read() {
    ws.async_read(buffer, [this](error_code ec, std::size_t) {
      if (ec) {
        closed = true;
        read_error = ec;
        return;
      }
      inbox.push_back(beast::buffers_to_string(buffer.data()));
      buffer.consume(buffer.size());
      start_read();
    });
  }
};

ws_client::ws_client(std::uint16_t port, std::chrono::milliseconds timeout,
                     std::optional<std::string> origin, header_list extra_headers)
    : impl_(std::make_unique<impl>()) {
  auto& i = *impl_;
  bool done = false;
  error_code result;
  websocket::response_type& res = i.handshake;
  i.ws.set_option(websocket::stream_base::decorator(
      [origin, extra = std::move(extra_headers)](websocket::request_type& req) {
        if (origin) req.set(http::field::origin, *origin);
        for (const auto& [name, value] : extra) req.insert(name, value);
      }));
  const tcp::endpoint ep{net::ip::make_address("127.0.0.1"), port};
  beast::get_lowest_layer(i.ws).async_connect(ep, [&](error_code ec) {
    if (ec) {
      result = ec;
      done = true;
      return;
    }
    i.ws.async_handshake(res, "127.0.0.1", "/ws", [&](error_code ec2) {
      result = ec2;
      i.handshake_status = res.result_int();
      done = true;
    });
  });
  if (!run_until(
          i.ioc, [&] { return done; }, timeout) ||
      result)
    return;
  i.ws.read_message_max(1 << 20);
  i.open = true;
  i.start_read();
}

ws_client::~ws_client() = default;
ws_client::ws_client(ws_client&&) noexcept = default;

bool ws_client::connected() const { return impl_->open && !impl_->closed; }

int ws_client::handshake_status() const { return impl_->handshake_status; }

std::string ws_client::handshake_header(const std::string& name) const {
  const auto it = impl_->handshake.find(name);
  return it == impl_->handshake.end() ? std::string() : std::string(it->value());
}

bool ws_client::send(std::string_view text) {
  auto& i = *impl_;
  if (!i.open) return false;
  bool done = false;
  error_code result;
  i.ws.text(true);
  i.ws.async_write(net::buffer(text.data(), text.size()), [&](error_code ec, std::size_t) {
    result = ec;
    done = true;
  });
  return run_until(
             i.ioc, [&] { return done; }, 5s) &&
         !result;
}

bool ws_client::send_binary(std::string_view bytes) {
  auto& i = *impl_;
  if (!i.open) return false;
  bool done = false;
  error_code result;
  i.ws.binary(true);
  i.ws.async_write(net::buffer(bytes.data(), bytes.size()), [&](error_code ec, std::size_t) {
    result = ec;
    done = true;
  });
  const bool ok = run_until(
                      i.ioc, [&] { return done; }, 5s) &&
                  !result;
  i.ws.text(true);
  return ok;
}

std::optional<std::string> ws_client::next_text(std::chrono::milliseconds timeout,
                                                bool skip_online) {
  auto& i = *impl_;
  if (!i.open) return std::nullopt;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    run_until(
        i.ioc, [&] { return !i.inbox.empty() || i.closed; },
        std::max(left, std::chrono::milliseconds(0)));
    if (i.inbox.empty()) return std::nullopt;
    std::string text = std::move(i.inbox.front());
    i.inbox.pop_front();
    if (skip_online && text.find("\"type\":\"online\"") != std::string::npos) continue;
    return text;
  }
}

json ws_client::next(std::chrono::milliseconds timeout, bool skip_online) {
  const auto text = next_text(timeout, skip_online);
  if (!text) return json();
  return json::parse(*text, nullptr, /*allow_exceptions=*/false);
}

std::optional<std::uint16_t> ws_client::wait_closed(std::chrono::milliseconds timeout) {
  auto& i = *impl_;
  if (!i.open) return std::nullopt;
  if (!run_until(
          i.ioc, [&] { return i.closed; }, timeout))
    return std::nullopt;
  return static_cast<std::uint16_t>(i.ws.reason().code);
}

std::string ws_client::close_reason() const {
  const auto& r = impl_->ws.reason().reason;
  return std::string(r.data(), r.size());
}

void ws_client::close() {
  auto& i = *impl_;
  if (!i.open || i.closed) return;
  bool done = false;
  i.ws.async_close(websocket::close_code::normal, [&](error_code) { done = true; });
  run_until(
      i.ioc, [&] { return done && i.closed; }, 5s);
}

void ws_client::drop() {
  error_code ignored;
  beast::get_lowest_layer(impl_->ws).socket().close(ignored);
  run_until(
      impl_->ioc, [&] { return impl_->closed; }, 5s);
}

std::optional<http_response> http_request(std::uint16_t port, const std::string& method,
                                          const std::string& target,
                                          std::chrono::milliseconds timeout,
                                          const header_list& extra_headers) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  beast::flat_buffer buffer;
  http::request<http::empty_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::connection, "close");
  for (const auto& [name, value] : extra_headers) req.set(name, value);
  http::response_parser<http::string_body> parser;
  parser.skip(method == "HEAD");  // a HEAD response has a Content-Length but no body
  bool done = false;
  error_code result;
  const tcp::endpoint ep{net::ip::make_address("127.0.0.1"), port};
  stream.async_connect(ep, [&](error_code ec) {
    if (ec) {
      result = ec;
      done = true;
      return;
    }
    http::async_write(stream, req, [&](error_code ec2, std::size_t) {
      if (ec2) {
        result = ec2;
        done = true;
        return;
      }
      http::async_read(stream, buffer, parser, [&](error_code ec3, std::size_t) {
        result = ec3;
        done = true;
      });
    });
  });
  if (!run_until(
          ioc, [&] { return done; }, timeout) ||
      result)
    return std::nullopt;
  const auto& res = parser.get();
  http_response out;
  out.status = res.result_int();
  out.content_type = std::string(res[http::field::content_type]);
  out.cache_control = std::string(res[http::field::cache_control]);
  out.content_length = std::string(res[http::field::content_length]);
  out.body = res.body();
  for (const auto& field : res) {
    std::string name(field.name_string());
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    out.headers[name] = std::string(field.value());
  }
  return out;
}

}  // namespace novatalk::server::test
