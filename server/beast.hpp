// Namespace aliases shared by the network files of the server (the Beast example's names).
// No Beast WebSocket: the server frames WebSockets itself (core/ws, websocket_session).
#pragma once

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace novatalk::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = beast::error_code;

}  // namespace novatalk::server
