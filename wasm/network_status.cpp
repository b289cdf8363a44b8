// navigator.onLine adapter: window "online"/"offline" listeners are exported C++ functions.
#include "wasm/network_status.hpp"

#include <emscripten/bind.h>

#include "wasm/js_util.hpp"

namespace novatalk::client {
namespace {

network_status* instance = nullptr;

void on_online(val) {  // embind checks arity: the DOM passes the event
  if (instance) instance->handle(true);
}
void on_offline(val) {
  if (instance) instance->handle(false);
}

}  // namespace

EMSCRIPTEN_BINDINGS(novatalk_network_status) {
  emscripten::function("ntNetworkOnline", &on_online);
  emscripten::function("ntNetworkOffline", &on_offline);
}

network_status::network_status(std::function<void(bool)> on_change)
    : on_change_(std::move(on_change)),
      online_listener_(val::module_property("ntNetworkOnline")),
      offline_listener_(val::module_property("ntNetworkOffline")) {
  instance = this;
  val window = val::global("window");
  window.call<void>("addEventListener", std::string("online"), online_listener_);
  window.call<void>("addEventListener", std::string("offline"), offline_listener_);
}

network_status::~network_status() {
  val window = val::global("window");
  window.call<void>("removeEventListener", std::string("online"), online_listener_);
  window.call<void>("removeEventListener", std::string("offline"), offline_listener_);
  if (instance == this) instance = nullptr;
}

bool network_status::online() const {
  val on_line = val::global("navigator")["onLine"];
  return on_line.isUndefined() || on_line.as<bool>();
}

void network_status::handle(bool online) {
  if (on_change_) on_change_(online);
}

}  // namespace novatalk::client
