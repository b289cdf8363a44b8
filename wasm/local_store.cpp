// Module.ntUi.load / save (wasm/js/ui_glue.js) wrap localStorage in try/catch.
#include "wasm/local_store.hpp"

#include <emscripten/val.h>

namespace novatalk::client::local_store {

using emscripten::val;

std::string load(const std::string& key) {
  val v = val::module_property("ntUi").call<val>("load", key);
  return v.isString() ? v.as<std::string>() : std::string();
}

void save(const std::string& key, const std::string& value) {
  val::module_property("ntUi").call<void>("save", key, value);
}

}  // namespace novatalk::client::local_store
