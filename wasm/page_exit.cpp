// `pagehide` adapter: a window listener that is an exported C++ function.
#include "wasm/page_exit.hpp"

#include <emscripten/bind.h>

#include <string>

namespace novatalk::client {
namespace {

page_exit* instance = nullptr;

void on_page_hide(emscripten::val) {  // embind checks arity: the DOM passes the event
  if (instance) instance->handle();
}

}  // namespace

EMSCRIPTEN_BINDINGS(novatalk_page_exit) { emscripten::function("ntPageHide", &on_page_hide); }

page_exit::page_exit(std::function<void()> on_hide)
    : on_hide_(std::move(on_hide)), listener_(emscripten::val::module_property("ntPageHide")) {
  instance = this;
  emscripten::val::global("window").call<void>("addEventListener", std::string("pagehide"),
                                               listener_);
}

page_exit::~page_exit() {
  emscripten::val::global("window").call<void>("removeEventListener", std::string("pagehide"),
                                               listener_);
  if (instance == this) instance = nullptr;
}

void page_exit::handle() {
  if (on_hide_) on_hide_();
}

}  // namespace novatalk::client
