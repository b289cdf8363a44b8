// window.postMessage in both directions (through core/embed/page_channel's origin rules),
// URLSearchParams, and fetch("config.json").
#include "wasm/page_api.hpp"

#include <emscripten/bind.h>

#include "wasm/interests_text.hpp"
#include "wasm/js_util.hpp"

namespace novatalk::client {
namespace {

page_api* instance = nullptr;

void on_message(val ev) {
  if (instance) instance->handle_message(ev);
}
void on_config_response(val response) {
  if (!instance) return;
  if (!response["ok"].as<bool>()) {
    instance->handle_config(val::null());
    return;
  }
  js_result r = try_call(response, "json");
  if (!r.ok) {
    instance->handle_config(val::null());
    return;
  }
  r.value.call<void>("then", val::module_property("ntConfigLoaded"),
                     val::module_property("ntConfigFailed"));
}
void on_config_loaded(val json) {
  if (instance) instance->handle_config(json);
}
void on_config_failed(val) {
  if (instance) instance->handle_config(val::null());
}

// Who embeds us: location.ancestorOrigins[0] where the browser has it (Chromium, Safari), else
// the origin of document.referrer (the parent's URL, unless its referrer policy hides it).
embed::page_context page_context_now() {
  embed::page_context ctx;
  val window = val::global("window");
  val location = val::global("location");
  ctx.own_origin = string_or(location, "origin", "null");
  ctx.framed = !window["parent"].strictlyEquals(window);
  if (!ctx.framed) return ctx;
  val ancestors = location["ancestorOrigins"];
  if (!ancestors.isUndefined() && !ancestors.isNull() && ancestors["length"].as<int>() > 0) {
    val first = ancestors[0];
    ctx.parent_origin = first.isString() ? first.as<std::string>() : "";
    return ctx;
  }
  const std::string referrer = string_or(val::global("document"), "referrer");
  if (referrer.empty()) return ctx;
  js_result url = try_new(val::global("URL"), referrer);
  if (url.ok) ctx.parent_origin = string_or(url.value, "origin");
  return ctx;
}

void console_warn(const std::string& line) { val::global("console").call<void>("warn", line); }

}  // namespace

EMSCRIPTEN_BINDINGS(novatalk_page_api) {
  emscripten::function("ntPageMessage", &on_message);
  emscripten::function("ntConfigResponse", &on_config_response);
  emscripten::function("ntConfigLoaded", &on_config_loaded);
  emscripten::function("ntConfigFailed", &on_config_failed);
}

page_api::page_api(callbacks cb)
    : cb_(std::move(cb)), channel_(page_context_now()), listener_(val::null()) {
  instance = this;
  val search = val::global("URLSearchParams").new_(val::global("location")["search"]);
  auto get = [&](const char* name) {
    val v = search.call<val>("get", std::string(name));
    return v.isString() ? v.as<std::string>() : std::string();
  };
  const std::string autostart = get("autostart");
  params_.autostart = autostart == "1" || autostart == "true";
  const std::string interests = get("interests");
  if (!interests.empty()) params_.interests = split_interests(interests);
  params_.signal = get("signal");
  params_.text_mode = get("mode") == "text";
  params_.relay_only = get("privacy") == "relay";
  params_.look = read_look_options(search);
  params_.partner = get("partner");

  listener_ = val::module_property("ntPageMessage");
  val::global("window").call<void>("addEventListener", std::string("message"), listener_);
}

page_api::~page_api() {
  val::global("window").call<void>("removeEventListener", std::string("message"), listener_);
  if (instance == this) instance = nullptr;
}

void page_api::load_config() {
  // Asked even when the signal URL parameter is given: allowedParents only comes from here.
  // shell/loader.js starts this fetch beside the .wasm download (Module.ntConfigFetch), so it is
  // usually in when main() runs: `ready` comes a round trip sooner. Without it, fetch now.
  val early = val::module_property("ntConfigFetch");
  if (!early.isUndefined() && !early.isNull() &&
      early["then"].typeOf().as<std::string>() == "function") {
    early.call<void>("then", val::module_property("ntConfigResponse"),
                     val::module_property("ntConfigFailed"));
    return;
  }
  val init = val::object();
  init.set("cache", std::string("no-store"));
  js_result r = try_call(val::global("window"), "fetch", std::string("config.json"), init);
  if (!r.ok) {
    handle_config(val::null());
    return;
  }
  r.value.call<void>("then", val::module_property("ntConfigResponse"),
                     val::module_property("ntConfigFailed"));
}

void page_api::handle_config(const val& json) {
  if (config_done_) return;
  config_done_ = true;
  std::vector<std::string> parents;
  val list = json.isNull() || json.isUndefined() ? val::undefined() : json["allowedParents"];
  if (list.isArray()) {
    const int n = list["length"].as<int>();
    for (int i = 0; i < n; ++i) {
      val entry = list[i];
      parents.push_back(entry.isString() ? entry.as<std::string>() : std::string());
    }
  } else if (!list.isUndefined()) {
    console_warn("NovaTalk: config.json allowedParents must be an array of origins (ignored)");
  }
  embed::page_channel::released held = channel_.configure(parents);
  for (const auto& line : held.notices) console_warn(line);
  for (const auto& e : held.events) post_now(e);

  std::string signal = params_.signal;
  if (signal.empty()) signal = string_or(json, "signal", "/ws");
  if (cb_.on_config) cb_.on_config(resolve_signal_url(signal));
  if (cb_.on_command) {
    for (const auto& c : held.commands) cb_.on_command(c);
  }
}

std::string page_api::resolve_signal_url(const std::string& signal) {
  // Relative to this page, so "/ws" follows the page's host, and ws:/wss: follow http:/https:.
  js_result r = try_new(val::global("URL"), signal, val::global("location")["href"]);
  if (!r.ok) return "ws://" + val::global("location")["host"].as<std::string>() + "/ws";
  val url = r.value;
  const std::string protocol = url["protocol"].as<std::string>();
  if (protocol == "http:") url.set("protocol", std::string("ws:"));
  if (protocol == "https:") url.set("protocol", std::string("wss:"));
  return url["href"].as<std::string>();
}

void page_api::post_event(const std::string& name, const nlohmann::json& fields) {
  nlohmann::json msg = fields.is_object() ? fields : nlohmann::json::object();
  msg["source"] = "novatalk";
  msg["event"] = name;
  auto now = channel_.send(msg.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  if (now) post_now(*now);
}

void page_api::post_now(const std::string& event_json) {
  // Never "*": chat text and stats go to the parent's exact origin or to nobody.
  val msg = val::global("JSON").call<val>("parse", event_json);
  switch (channel_.target()) {
    case embed::event_target::none:
      return;
    case embed::event_target::self:
      try_call(val::global("window"), "postMessage", msg, std::string("/"));
      return;
    case embed::event_target::parent:
      try_call(val::global("window")["parent"], "postMessage", msg, channel_.parent_origin());
      return;
  }
}

void page_api::handle_message(const val& ev) {
  val data = ev["data"];
  if (data.isNull() || data.isUndefined() || data.typeOf().as<std::string>() != "object") return;
  if (string_or(data, "target") != "novatalk" || !cb_.on_command) return;
  val window = val::global("window");
  // A framed page obeys its parent only; a top-level page only itself (tests, a console).
  const bool framed = !window["parent"].strictlyEquals(window);
  const bool from_expected_window = ev["source"].strictlyEquals(framed ? window["parent"] : window);
  const std::string origin = string_or(ev, "origin");
  js_result text = try_call(val::global("JSON"), "stringify", data);
  // Bounded: a chat line is 1,000 characters; nothing legitimate comes near this.
  constexpr int max_command_chars = 16 * 1024;
  if (!text.ok || !text.value.isString() || text.value["length"].as<int>() > max_command_chars) {
    return;
  }
  auto run = channel_.receive({origin, from_expected_window, text.value.as<std::string>()});
  if (run) cb_.on_command(*run);
}

}  // namespace novatalk::client
