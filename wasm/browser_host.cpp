// Keys and hidden-button presses are queued by js/ui_glue.js between frames and taken here.
#include "wasm/browser_host.hpp"

#include <emscripten/val.h>

#include <algorithm>

#include "wasm/js_util.hpp"
#include "wasm/local_store.hpp"

namespace novatalk::client {
namespace {

// Takes the strings queued in Module.ntUi[name] and empties the queue.
std::vector<std::string> take_queue(const char* name) {
  val ui = val::module_property("ntUi");
  val q = ui[name];
  std::vector<std::string> out;
  const auto n = q["length"].as<std::size_t>();
  for (std::size_t i = 0; i < n; ++i) {
    val item = q[i];
    if (item.isString()) out.push_back(item.as<std::string>());
  }
  if (n > 0) ui.set(name, val::array());
  return out;
}

}  // namespace

browser_host& browser_host::page() {
  static browser_host host;
  return host;
}

std::string browser_host::load(const std::string& key) { return local_store::load(key); }

void browser_host::save(const std::string& key, const std::string& value) {
  local_store::save(key, value);
}

void browser_host::open_link(const std::string& url) {
  // Within a click's transient user activation, so popup blockers let it through.
  try_call(val::global("window"), "open", url, std::string("_blank"), std::string("noopener"));
}

key_presses browser_host::take_keys() {
  key_presses k;
  for (const auto& name : take_queue("keys")) {
    if (name == "escape") ++k.escape;
    if (name == "tab") ++k.tab;
    if (name == "shift_tab") ++k.shift_tab;
    if (name == "enter") ++k.enter;
    if (name == "space") ++k.space;
  }
  return k;
}

std::vector<page_action> browser_host::take_actions() {
  std::vector<page_action> out;
  for (const auto& name : take_queue("actions")) {
    const page_action a = page_action_from(name);
    if (a != page_action::none) out.push_back(a);
  }
  return out;
}

}  // namespace novatalk::client

namespace novatalk::client {

void browser_host::publish_regions(const std::vector<named_box>& regions) {
  auto same = [](const named_box& a, const named_box& b) {
    return a.name == b.name && a.box.x == b.box.x && a.box.y == b.box.y &&
           a.box.width == b.box.width && a.box.height == b.box.height;
  };
  if (regions.size() == regions_.size() &&
      std::equal(regions.begin(), regions.end(), regions_.begin(), same)) {
    return;
  }
  regions_ = regions;
  val out = val::object();
  for (const auto& r : regions_) {
    val b = val::object();
    b.set("x", r.box.x);
    b.set("y", r.box.y);
    b.set("width", r.box.width);
    b.set("height", r.box.height);
    out.set(r.name, b);
  }
  val::module_property("ntUi").set("regions", out);
}

}  // namespace novatalk::client
