// window.postMessage in both directions, URLSearchParams, and fetch("config.json").
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

// nlohmann JSON -> JS value, through JSON.parse (the fields are small).
val to_js(const nlohmann::json& j) {
  return val::global("JSON").call<val>(
      "parse", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace

EMSCRIPTEN_BINDINGS(novatalk_page_api) {
  emscripten::function("ntPageMessage", &on_message);
  emscripten::function("ntConfigResponse", &on_config_response);
  emscripten::function("ntConfigLoaded", &on_config_loaded);
  emscripten::function("ntConfigFailed", &on_config_failed);
}

page_api::page_api(callbacks cb) : cb_(std::move(cb)), listener_(val::null()) {
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

  listener_ = val::module_property("ntPageMessage");
  val::global("window").call<void>("addEventListener", std::string("message"), listener_);
}

page_api::~page_api() {
  val::global("window").call<void>("removeEventListener", std::string("message"), listener_);
  if (instance == this) instance = nullptr;
}

void page_api::load_config() {
  if (!params_.signal.empty()) {
    handle_config(val::null());  // the URL parameter wins; no need to ask
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
  std::string signal = params_.signal;
  if (signal.empty()) signal = string_or(json, "signal", "/ws");
  if (cb_.on_config) cb_.on_config(resolve_signal_url(signal));
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
  // "*": the events carry nothing secret, and the embedding origin is not known in advance.
  val::global("window")["parent"].call<void>("postMessage", to_js(msg), std::string("*"));
}

void page_api::handle_message(const val& ev) {
  val data = ev["data"];
  if (data.isNull() || data.isUndefined() || data.typeOf().as<std::string>() != "object") return;
  if (string_or(data, "target") != "novatalk" || !cb_.on_command) return;
  js_result text = try_call(val::global("JSON"), "stringify", data);
  // Bounded: a chat line is 1,000 characters; nothing legitimate comes near this.
  constexpr int max_command_chars = 16 * 1024;
  if (!text.ok || !text.value.isString() || text.value["length"].as<int>() > max_command_chars) {
    return;
  }
  cb_.on_command(text.value.as<std::string>());
}

}  // namespace novatalk::client
