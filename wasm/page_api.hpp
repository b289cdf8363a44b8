// The page API for an embedding page: URL parameters (autostart, interests, mode, signal),
// events posted to the parent's exact origin as {source:"novatalk", event, ...} and commands
// received as {target:"novatalk", cmd:...} (docs/client.md lists them), both only for allowed
// origins (core/embed/page_channel). Also loads config.json (signaling URL, allowedParents).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <emscripten/val.h>
#include <nlohmann/json.hpp>

#include "core/embed/page_channel.hpp"
#include "wasm/look_options.hpp"

namespace novatalk::client {

struct url_params {
  bool autostart = false;
  bool text_mode = false;   // mode=text
  bool relay_only = false;  // privacy=relay ("Hide my IP")
  std::vector<std::string> interests;
  std::string signal;  // empty: from config.json
  look_options look;   // theme, accent, minimal, lang (wasm/look_options)
  std::string partner;  // partner=: the embedding site's id, sent in join (server counts)
};

class page_api {
 public:
  struct callbacks {
    // The whole command object as JSON text ({"target":"novatalk","cmd":...,...}).
    std::function<void(const std::string& command_json)> on_command;
    std::function<void(const std::string& signal_url)> on_config;  // absolute ws:/wss: URL
  };

  explicit page_api(callbacks cb);
  ~page_api();
  page_api(const page_api&) = delete;
  page_api& operator=(const page_api&) = delete;

  const url_params& params() const { return params_; }
  // on_config fires once, also when config.json is missing or broken (then allowedParents is
  // empty: only the page's own origin). Commands and events wait for it.
  void load_config();
  void post_event(const std::string& name, const nlohmann::json& fields);

  void handle_message(const emscripten::val& ev);
  void handle_config(const emscripten::val& json);

  // "/ws", "ws://h/ws" or "https://h/ws" -> ws:/wss: URL relative to this page.
  static std::string resolve_signal_url(const std::string& signal);

 private:
  void post_now(const std::string& event_json);

  callbacks cb_;
  url_params params_;
  embed::page_channel channel_;
  emscripten::val listener_;
  bool config_done_ = false;
};

}  // namespace novatalk::client
