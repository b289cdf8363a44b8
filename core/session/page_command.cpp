// Page commands -> session events. Unknown commands and wrong field types are errors, so a
// partner's typo is reported instead of silently ignored.
#include "core/session/page_command.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <utility>
#include <vector>

#include "core/protocol/codec.hpp"

namespace novatalk::session {
namespace {

using json = nlohmann::json;
using outcome = result<event, page_command_error>;

outcome bad(std::string message) { return fail(page_command_error{std::move(message)}); }

// `interests` as an array of strings or one comma-separated string ("music, chess").
std::optional<std::vector<std::string>> interests_of(const json& v) {
  std::vector<std::string> out;
  if (v.is_string()) {
    const std::string text = v.get<std::string>();
    std::size_t start = 0;
    while (start <= text.size()) {
      const std::size_t comma = std::min(text.find(',', start), text.size());
      out.push_back(text.substr(start, comma - start));
      start = comma + 1;
    }
    return out;
  }
  if (!v.is_array()) return std::nullopt;
  for (const auto& item : v) {
    if (!item.is_string()) return std::nullopt;
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::optional<protocol::chat_mode> mode_of(const json& v) {
  if (v == "video") return protocol::chat_mode::video;
  if (v == "text") return protocol::chat_mode::text;
  return std::nullopt;
}

}  // namespace

result<event, page_command_error> parse_page_command(std::string_view json_text) {
  if (json_text.size() > max_page_command_bytes) return bad("command too large");
  const json doc = json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return bad("command is not a JSON object");
  const auto cmd_it = doc.find("cmd");
  if (cmd_it == doc.end() || !cmd_it->is_string()) return bad("cmd missing");
  const std::string cmd = cmd_it->get<std::string>();

  if (cmd == "next") return event{ui_next{}};
  if (cmd == "stop") return event{ui_stop{}};
  if (cmd == "toggle_mic") return event{ui_toggle_mic{}};
  if (cmd == "toggle_camera") return event{ui_toggle_camera{}};
  if (cmd == "typing") return event{ui_chat_typing{}};  // a partner's own chat box was edited
  if (cmd == "start") {
    ui_start start;
    if (auto it = doc.find("interests"); it != doc.end()) {
      auto list = interests_of(*it);
      if (!list) return bad("interests must be a list of strings");
      start.interests = std::move(*list);
    }
    if (auto it = doc.find("mode"); it != doc.end()) {
      start.mode = mode_of(*it);
      if (!start.mode) return bad("mode must be \"video\" or \"text\"");
    }
    return event{std::move(start)};
  }
  if (cmd == "send_chat") {
    const auto it = doc.find("text");
    if (it == doc.end() || !it->is_string()) return bad("send_chat needs a text string");
    return event{ui_send_chat{it->get<std::string>()}};
  }
  if (cmd == "set_interests") {
    const auto it = doc.find("interests");
    auto list = it == doc.end() ? std::nullopt : interests_of(*it);
    if (!list) return bad("set_interests needs interests: a list of strings");
    return event{ui_set_interests{std::move(*list)}};
  }
  if (cmd == "set_mode") {
    const auto it = doc.find("mode");
    auto mode = it == doc.end() ? std::nullopt : mode_of(*it);
    if (!mode) return bad("set_mode needs mode \"video\" or \"text\"");
    return event{ui_set_mode{*mode}};
  }
  if (cmd == "select_device") {
    const auto kind = doc.find("kind");
    const auto id = doc.find("deviceId");
    if (kind == doc.end() || (*kind != "video" && *kind != "audio") || id == doc.end() ||
        !id->is_string()) {
      return bad("select_device needs kind \"video\" or \"audio\" and a deviceId string");
    }
    return event{ui_select_device{*kind == "video" ? track_kind::video : track_kind::audio,
                                  id->get<std::string>()}};
  }
  if (cmd == "set_privacy") {
    const auto it = doc.find("relay");
    if (it == doc.end() || !it->is_boolean()) return bad("set_privacy needs relay: true or false");
    return event{ui_set_relay_only{it->get<bool>()}};
  }
  if (cmd == "report") {
    const auto it = doc.find("reason");
    if (it == doc.end() || !it->is_string()) return bad("report needs a reason");
    return event{ui_report{it->get<std::string>()}};
  }
  return bad("unknown cmd");
}

}  // namespace novatalk::session
