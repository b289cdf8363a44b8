// The page API for an embedding page: URL parameters (autostart, interests, mode, signal),
// events posted to window.parent as {source:"novatalk", event, ...}, and commands received as
// {target:"novatalk", cmd:...} (docs/client.md lists them). Also loads config.json (the
// signaling URL).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <emscripten/val.h>
#include <nlohmann/json.hpp>

namespace novatalk::client {

struct url_params {
  bool autostart = false;
  bool text_mode = false;  // mode=text
  bool relay_only = false;  // privacy=relay ("Hide my IP")
  std::vector<std::string> interests;
  std::string signal;  // empty: from config.json
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
  void load_config();  // on_config fires once, also when config.json is missing or broken
  void post_event(const std::string& name, const nlohmann::json& fields);

  void handle_message(const emscripten::val& ev);
  void handle_config(const emscripten::val& json);

  // "/ws", "ws://h/ws" or "https://h/ws" -> ws:/wss: URL relative to this page.
  static std::string resolve_signal_url(const std::string& signal);

 private:
  callbacks cb_;
  url_params params_;
  emscripten::val listener_;
  bool config_done_ = false;
};

}  // namespace novatalk::client
