// WebSocket adapter: ws.onopen/onmessage/onclose are exported C++ functions bound to the
// socket's generation.
#include "wasm/signaling_socket.hpp"

#include <emscripten/bind.h>

#include <cstdio>

#include "wasm/js_util.hpp"

namespace novatalk::client {
namespace {

signaling_socket* instance = nullptr;  // the exported callbacks find the adapter here

void on_open(unsigned gen, val) {  // embind checks arity: the DOM passes the event
  if (instance) instance->handle_open(gen);
}
void on_message(unsigned gen, val ev) {
  if (instance) instance->handle_message(gen, ev);
}
void on_close(unsigned gen, val ev) {
  if (instance) instance->handle_close(gen, ev);
}

}  // namespace

EMSCRIPTEN_BINDINGS(novatalk_signaling_socket) {
  emscripten::function("ntSocketOpen", &on_open);
  emscripten::function("ntSocketMessage", &on_message);
  emscripten::function("ntSocketClose", &on_close);
}

signaling_socket::signaling_socket(callbacks cb) : cb_(std::move(cb)), ws_(val::null()) {
  instance = this;
}

signaling_socket::~signaling_socket() {
  close();
  if (instance == this) instance = nullptr;
}

void signaling_socket::open(const std::string& url) {
  close();
  const unsigned gen = ++generation_;
  js_result r = try_new(val::global("WebSocket"), val(url));
  if (!r.ok) {
    std::fprintf(stderr, "[novatalk] WebSocket(%s): %s\n", url.c_str(), r.error.c_str());
    if (cb_.on_close) cb_.on_close(1006, "");
    return;
  }
  ws_ = r.value;
  ws_.set("onopen", bound("ntSocketOpen", gen));
  ws_.set("onmessage", bound("ntSocketMessage", gen));
  ws_.set("onclose", bound("ntSocketClose", gen));
}

bool signaling_socket::send(const std::string& text) {
  if (ws_.isNull() || ws_["readyState"].as<int>() != 1) return false;
  return try_call(ws_, "send", text).ok;
}

void signaling_socket::close() {
  if (ws_.isNull()) return;
  ++generation_;  // its late events no longer match
  ws_.set("onopen", val::null());
  ws_.set("onmessage", val::null());
  ws_.set("onclose", val::null());
  try_call(ws_, "close");
  ws_ = val::null();
}

// The handlers stay: should the page come back from the back/forward cache, onclose reports the
// close and the session reconnects as usual.
void signaling_socket::say_goodbye() {
  if (ws_.isNull()) return;
  try_call(ws_, "close", 1000, std::string("page closed"));
}

void signaling_socket::handle_open(unsigned generation) {
  if (generation != generation_) return;
  if (cb_.on_open) cb_.on_open();
}

void signaling_socket::handle_message(unsigned generation, const val& ev) {
  if (generation != generation_) return;
  val data = ev["data"];
  if (!data.isString()) return;  // protocol v1 is text only
  if (cb_.on_message) cb_.on_message(data.as<std::string>());
}

void signaling_socket::handle_close(unsigned generation, const val& ev) {
  if (generation != generation_) return;
  ws_ = val::null();
  ++generation_;
  const int code = static_cast<int>(number_or(ev, "code", 1006));
  // At most 123 bytes by the WebSocket protocol; the session only looks for "retry:<ms>".
  const std::string reason = string_or(ev, "reason");
  if (cb_.on_close) cb_.on_close(code, reason);
}

}  // namespace novatalk::client
