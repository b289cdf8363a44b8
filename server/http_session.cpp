// HTTP handling (see http_session.hpp). GET and HEAD only; the site is read-only.
#include "server/http_session.hpp"

#include <algorithm>
#include <chrono>
#include <string_view>
#include <utility>

#include "core/embed/origin_rules.hpp"
#include "server/client_address.hpp"
#include "server/log.hpp"
#include "server/shared_state.hpp"
#include "server/site_headers.hpp"
#include "server/websocket_handshake.hpp"
#include "server/websocket_session.hpp"

namespace novatalk::server {
namespace {

constexpr std::size_t request_body_max = 8 * 1024;  // we accept no bodies worth the name

std::string_view path_of(beast::string_view target) {
  const std::string_view t(target.data(), target.size());
  return t.substr(0, t.find('?'));
}

template <class Body>
void common_headers(http::response<Body>& res) {
  res.set(http::field::server, "novatalk");
  res.set("X-Content-Type-Options", "nosniff");
}

http::response<http::string_body> text_res(const http::request<http::string_body>& req,
                                           http::status status, std::string_view body) {
  http::response<http::string_body> res{status, req.version()};
  common_headers(res);
  res.set(http::field::content_type, "text/plain; charset=utf-8");
  res.set(http::field::cache_control, "no-store");
  if (status == http::status::method_not_allowed) res.set(http::field::allow, "GET, HEAD");
  res.keep_alive(req.keep_alive());
  res.body() = std::string(body) + "\n";
  res.prepare_payload();
  if (req.method() == http::verb::head) res.body().clear();  // Content-Length stays
  return res;
}

http::message_generator text_response(const http::request<http::string_body>& req,
                                      http::status status, std::string_view body) {
  return text_res(req, status, body);
}

http::message_generator handle_request(shared_state& state,
                                       http::request<http::string_body>&& req) {
  if (req.method() != http::verb::get && req.method() != http::verb::head)
    return text_response(req, http::status::method_not_allowed, "method not allowed");
  const auto path = path_of(req.target());
  // 503 while the shared pool (--redis) is unreachable: a load balancer sends people elsewhere.
  if (path == "/healthz") {
    return state.pool_available()
               ? text_response(req, http::status::ok, "ok")
               : text_response(req, http::status::service_unavailable, "pool unavailable");
  }
  if (path == "/metrics") {
    auto text = metrics_text(state.counts());
    text.pop_back();  // text_response adds the final line break
    return text_response(req, http::status::ok, text);
  }
  if (path == "/ws") return text_response(req, http::status::upgrade_required, "websocket only");

  const auto accept_encoding = req[http::field::accept_encoding];
  auto found = state.files().lookup(std::string_view(req.target().data(), req.target().size()),
                            std::string_view(accept_encoding.data(), accept_encoding.size()));
  if (!found) {
    return found.error() == static_error::bad_target
               ? text_response(req, http::status::bad_request, "bad request")
               : text_response(req, http::status::not_found, "not found");
  }
  const static_file& file = found.value();

  http::file_body::value_type body;
  error_code ec;
  body.open(file.path.c_str(), beast::file_mode::scan, ec);
  if (ec) return text_response(req, http::status::not_found, "not found");
  const auto size = body.size();

  const auto site_policy = state.site().current();
  const auto headers = [&](auto& res) {
    common_headers(res);
    res.set(http::field::content_type, file.mime_type);
    for (const auto& h : site_headers(classify(file.name), site_policy)) res.set(h.name, h.value);
    if (!file.content_encoding.empty())
      res.set(http::field::content_encoding, file.content_encoding);
    if (file.has_variants) res.set(http::field::vary, "Accept-Encoding");
    res.content_length(size);
    res.keep_alive(req.keep_alive());
  };
  if (req.method() == http::verb::head) {
    http::response<http::empty_body> res{http::status::ok, req.version()};
    headers(res);
    return res;
  }
  http::response<http::file_body> res{std::piecewise_construct, std::make_tuple(std::move(body)),
                                      std::make_tuple(http::status::ok, req.version())};
  headers(res);
  return res;
}

std::string_view header(const http::request<http::string_body>& req, http::field name) {
  const auto value = req[name];
  return std::string_view(value.data(), value.size());
}

upgrade_request upgrade_request_of(const http::request<http::string_body>& req) {
  upgrade_request u;
  u.get = req.method() == http::verb::get;
  u.http_version = req.version();
  u.has_host = req.find(http::field::host) != req.end();
  u.connection = header(req, http::field::connection);
  u.upgrade = header(req, http::field::upgrade);
  u.version = header(req, http::field::sec_websocket_version);
  u.key = header(req, http::field::sec_websocket_key);
  return u;
}

}  // namespace

http_session::http_session(tcp::socket&& socket, std::shared_ptr<shared_state> state)
    : stream_(std::move(socket)), state_(std::move(state)) {}

void http_session::run() {
  net::dispatch(stream_.get_executor(),
                beast::bind_front_handler(&http_session::do_read, shared_from_this()));
}

void http_session::fail(error_code ec, const char* what) {
  if (ec == net::error::operation_aborted || ec == beast::error::timeout) return;
  log_line("http_error").add("op", what).add("error", ec.message());
}

void http_session::do_read() {
  parser_.emplace();
  parser_->body_limit(request_body_max);
  // --handshake-timeout: a whole request, or the wait for the next one on a kept-alive
  // connection (slowloris: a request trickled in byte by byte holds the socket no longer).
  if (state_->handshake_timeout().count() != 0) {
    stream_.expires_after(state_->handshake_timeout());
  } else {
    stream_.expires_never();
  }
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&http_session::on_read, shared_from_this()));
}

void http_session::on_read(error_code ec, std::size_t) {
  if (ec == http::error::end_of_stream || ec == net::error::eof ||
      ec == net::error::connection_reset) {
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    return;
  }
  if (ec) return fail(ec, "read");

  const auto upgrade = upgrade_request_of(parser_->get());
  if (asks_for_websocket(upgrade) && path_of(parser_->get().target()) == "/ws") {
    if (!upgrade_origin_allowed()) return refuse_upgrade();
    const auto check = check_upgrade(upgrade);
    if (check.refusal != upgrade_refusal::none) return refuse_handshake(check);
    auto ip = client_ip();
    const auto admission = state_->admit_address(ip);
    if (admission.why != address_limits::refusal::none) return refuse_busy(admission);
    return accept_upgrade(websocket_accept(upgrade.key), std::move(ip));
  }
  auto msg = handle_request(*state_, parser_->release());
  const bool keep_alive = msg.keep_alive();
  beast::async_write(
      stream_, std::move(msg),
      beast::bind_front_handler(&http_session::on_write, shared_from_this(), keep_alive));
}

// The peer, or the client its X-Forwarded-For names when it is one of --trusted-proxies. Every
// X-Forwarded-For header counts, in order (RFC 9110: repeated fields are one comma list).
std::string http_session::client_ip() {
  error_code ec;
  const auto peer = stream_.socket().remote_endpoint(ec);
  if (ec) return "unknown";
  const auto& trusted = state_->trusted_proxies();
  std::string forwarded;
  if (!trusted.empty()) {
    const auto [first, last] = parser_->get().equal_range("X-Forwarded-For");
    for (auto f = first; f != last; ++f) {
      if (!forwarded.empty()) forwarded += ',';
      forwarded.append(f->value().data(), f->value().size());
    }
  }
  return client_address(peer.address().to_string(), forwarded, trusted);
}

// --allowed-origins, compared byte for byte with the list (normalised as browsers serialise
// origins): no prefix or suffix rule, so https://novatalk.example.evil.com never passes. Browsers
// always send Origin on an upgrade, so a missing one is no page of ours.
bool http_session::upgrade_origin_allowed() const {
  const auto& allowed = state_->allowed_origins();
  if (allowed.empty()) return true;
  const auto& req = parser_->get();
  const auto it = req.find(http::field::origin);
  return it != req.end() &&
         std::find(allowed.begin(), allowed.end(), std::string_view(it->value())) != allowed.end();
}

// 403 before the upgrade: a plain response, then the connection is closed. The origin is logged
// only in its browser form (a site, not a person; and then it cannot smuggle text into the log).
void http_session::refuse_upgrade() {
  auto req = parser_->release();
  const auto it = req.find(http::field::origin);
  std::string origin = it == req.end() ? "none" : std::string(it->value());
  if (it != req.end()) {
    const auto normal = embed::normalize_origin(origin);
    if (!normal || normal.value() != origin) origin = "malformed";
  }
  log_line("ws_refused").add("reason", "origin").add("origin", origin);
  req.keep_alive(false);
  auto msg = text_response(req, http::status::forbidden, "origin not allowed");
  beast::async_write(stream_, std::move(msg),
                     beast::bind_front_handler(&http_session::on_write, shared_from_this(), false));
}

// 429 before the upgrade, like the 403: no WebSocket exists yet. The log says which limit, never
// whose address.
void http_session::refuse_busy(const address_limits::admission& admission) {
  auto req = parser_->release();
  const bool open = admission.why == address_limits::refusal::too_many_open;
  log_line("ws_refused").add("reason", open ? "conns_per_ip" : "new_conns_per_ip");
  req.keep_alive(false);
  auto res = text_res(req, http::status::too_many_requests,
                      open ? "too many connections from your address"
                           : "too many new connections from your address: retry later");
  res.set(http::field::retry_after, std::to_string(admission.retry_after.count()));
  beast::async_write(stream_, http::message_generator(std::move(res)),
                     beast::bind_front_handler(&http_session::on_write, shared_from_this(), false));
}

// 400 (or 426 for another protocol version, naming ours) before the upgrade, as RFC 6455 asks;
// then the connection is closed.
void http_session::refuse_handshake(const upgrade_check& check) {
  auto req = parser_->release();
  req.keep_alive(false);
  const bool version = check.refusal == upgrade_refusal::upgrade_required;
  auto res = text_res(req, version ? http::status::upgrade_required : http::status::bad_request,
                      check.why);
  if (version) res.set(http::field::sec_websocket_version, "13");
  beast::async_write(stream_, http::message_generator(std::move(res)),
                     beast::bind_front_handler(&http_session::on_write, shared_from_this(), false));
}

// The 101, written here under the request's --handshake-timeout; then the socket moves to a
// websocket_session and this http_session ends. No Sec-WebSocket-Extensions: permessage-deflate
// is never negotiated (compression bombs, CRIME-like leaks), nor any subprotocol.
void http_session::accept_upgrade(std::string accept, std::string ip) {
  http::response<http::empty_body> res{http::status::switching_protocols, 11};
  res.set(http::field::server, "novatalk");
  res.set(http::field::upgrade, "websocket");
  res.set(http::field::connection, "Upgrade");
  res.set(http::field::sec_websocket_accept, accept);
  beast::async_write(
      stream_, http::message_generator(std::move(res)),
      [self = shared_from_this(), ip = std::move(ip)](error_code ec, std::size_t) mutable {
        self->on_upgrade_written(std::move(ip), ec);
      });
}

// The websocket session releases the address's count when it ends; without one, we do.
void http_session::on_upgrade_written(std::string ip, error_code ec) {
  if (ec) {
    state_->release_address(ip);
    return fail(ec, "upgrade");
  }
  std::make_shared<websocket_session>(stream_.release_socket(), state_, std::move(ip))->run();
}

void http_session::on_write(bool keep_alive, error_code ec, std::size_t) {
  if (ec) return fail(ec, "write");
  if (!keep_alive) {
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    return;
  }
  do_read();
}

}  // namespace novatalk::server
