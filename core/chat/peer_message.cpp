// JSON codec of the data-channel messages over nlohmann::json (JSON_NOEXCEPTION), in the style
// of core/protocol/codec.cpp: every field's type is checked before it is read.
#include "core/chat/peer_message.hpp"

#include <nlohmann/json.hpp>

#include "core/chat/chat_text.hpp"

namespace novatalk::chat {
namespace {

using json = nlohmann::json;

failure<peer_error> error(peer_error_code code, std::string message) {
  return fail(peer_error{code, std::move(message)});
}

result<bool, peer_error> bool_field(const json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_boolean()) {
    return error(peer_error_code::bad_field, std::string("missing boolean field '") + name + "'");
  }
  return it->get<bool>();
}

struct encoder {
  json operator()(const chat_message& m) const {
    return {{"type", "chat"}, {"text", sanitize_chat_text(m.text)}};
  }
  json operator()(const typing_message& m) const {
    return {{"type", "typing"}, {"active", m.active}};
  }
  json operator()(const media_state_message& m) const {
    return {{"type", "media"}, {"mic", m.mic_on}, {"camera", m.camera_on}};
  }
};

}  // namespace

const char* to_string(peer_error_code c) {
  switch (c) {
    case peer_error_code::too_large:
      return "too_large";
    case peer_error_code::malformed:
      return "malformed";
    case peer_error_code::unknown_type:
      return "unknown_type";
    case peer_error_code::bad_field:
      return "bad_field";
    case peer_error_code::empty_text:
      return "empty_text";
  }
  return "?";
}

std::string encode_peer_message(const peer_message& m) {
  return std::visit(encoder{}, m).dump(-1, ' ', false, json::error_handler_t::replace);
}

result<peer_message, peer_error> decode_peer_message(std::string_view frame) {
  if (frame.size() > kMaxPeerFrameBytes) {
    return error(peer_error_code::too_large, "data channel message over 8 KiB");
  }
  // The parser rejects invalid UTF-8 and unpaired surrogate escapes.
  const json j = json::parse(frame.begin(), frame.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return error(peer_error_code::malformed, "malformed JSON");
  if (!j.is_object()) return error(peer_error_code::malformed, "a message is a JSON object");
  auto type_it = j.find("type");
  if (type_it == j.end() || !type_it->is_string()) {
    return error(peer_error_code::malformed, "missing string field 'type'");
  }
  const auto& type = type_it->get_ref<const std::string&>();
  if (type == "chat") {
    auto text = j.find("text");
    if (text == j.end() || !text->is_string()) {
      return error(peer_error_code::bad_field, "missing string field 'text'");
    }
    std::string clean = sanitize_chat_text(text->get_ref<const std::string&>());
    if (clean.empty()) return error(peer_error_code::empty_text, "empty chat message");
    return peer_message{chat_message{std::move(clean)}};
  }
  if (type == "typing") {
    auto active = bool_field(j, "active");
    if (!active) return fail(active.error());
    return peer_message{typing_message{active.value()}};
  }
  if (type == "media") {
    auto mic = bool_field(j, "mic");
    if (!mic) return fail(mic.error());
    auto camera = bool_field(j, "camera");
    if (!camera) return fail(camera.error());
    return peer_message{media_state_message{mic.value(), camera.value()}};
  }
  return error(peer_error_code::unknown_type, "unknown message type");
}

}  // namespace novatalk::chat
