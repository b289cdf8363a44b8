// JSON codec of protocol v1 over nlohmann::json, built with JSON_NOEXCEPTION: every field's
// type is checked before it is read, and output is dumped with invalid UTF-8 replaced, so no
// input can reach a throwing (aborting) path.
#include "core/protocol/codec.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>

#include "core/chat/chat_text.hpp"
#include "core/protocol/json_text.hpp"

namespace novatalk::protocol {
namespace {

using json = nlohmann::json;

failure<decode_error> bad(std::string message) {
  return fail(decode_error{error_code::bad_message, std::move(message)});
}
failure<decode_error> too_large(std::string message) {
  return fail(decode_error{error_code::too_large, std::move(message)});
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// Parses text into an object with a string `type`. The parser rejects invalid UTF-8.
result<json, decode_error> parse_object(std::string_view text) {
  if (text.size() > max_frame_bytes) return too_large("message over 64 KiB");
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return bad("malformed JSON");
  if (!j.is_object()) return bad("a message is a JSON object");
  auto type = j.find("type");
  if (type == j.end() || !type->is_string()) return bad("missing string field 'type'");
  return j;
}

// An optional field: absent and null both mean "not given".
const json* optional_field(const json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) return nullptr;
  return &*it;
}

result<std::string, decode_error> sdp_field(const json& j) {
  auto it = j.find("sdp");
  if (it == j.end() || !it->is_string()) return bad("missing string field 'sdp'");
  const auto& sdp = it->get_ref<const std::string&>();
  if (sdp.size() > max_sdp_bytes) return too_large("sdp over 32 KiB");
  if (sdp.empty()) return bad("empty 'sdp'");
  return sdp;
}

result<std::optional<std::string>, decode_error> optional_string(const json& j, const char* name) {
  const json* f = optional_field(j, name);
  if (!f) return std::optional<std::string>{};
  if (!f->is_string()) return bad(std::string("field '") + name + "' must be a string");
  if (f->get_ref<const std::string&>().size() > max_candidate_bytes) {
    return too_large(std::string("field '") + name + "' too long");
  }
  return std::optional<std::string>{f->get<std::string>()};
}

// RTCIceCandidateInit. Only its four known fields are kept: whatever else a client adds is
// not relayed, so the channel cannot carry anything but a candidate.
result<webrtc_ice_candidate, decode_error> candidate_field(const json& j) {
  auto it = j.find("candidate");
  if (it == j.end()) return bad("missing field 'candidate' (null for end of candidates)");
  if (it->is_null()) return webrtc_ice_candidate{};
  if (!it->is_object()) return bad("field 'candidate' must be an object or null");
  const json& c = *it;
  auto text = c.find("candidate");
  if (text == c.end() || !text->is_string()) return bad("missing string field 'candidate.candidate'");
  ice_candidate out;
  out.candidate = text->get<std::string>();
  if (out.candidate.size() > max_candidate_bytes) return too_large("candidate too long");
  auto mid = optional_string(c, "sdpMid");
  if (!mid) return fail(mid.error());
  out.sdp_mid = std::move(mid.value());
  auto ufrag = optional_string(c, "usernameFragment");
  if (!ufrag) return fail(ufrag.error());
  out.username_fragment = std::move(ufrag.value());
  if (const json* index = optional_field(c, "sdpMLineIndex")) {
    if (!index->is_number_unsigned() || index->get<std::uint64_t>() > 0xffff) {
      return bad("field 'sdpMLineIndex' must be a small non-negative integer");
    }
    out.sdp_mline_index = index->get<std::uint32_t>();
  }
  return webrtc_ice_candidate{std::move(out)};
}

// A string field holding one of `values` by its wire name (exact, case-sensitive).
template <class Enum, std::size_t N>
std::optional<Enum> enum_field(const json& j, const char* name, const Enum (&values)[N]) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  for (Enum v : values) {
    if (it->get_ref<const std::string&>() == to_string(v)) return v;
  }
  return std::nullopt;
}

result<join, decode_error> decode_join(const json& j) {
  join out;
  if (const json* mode = optional_field(j, "mode")) {
    if (!mode->is_string()) return bad("field 'mode' must be \"video\" or \"text\"");
    const auto& m = mode->get_ref<const std::string&>();
    if (m == "video") {
      out.mode = chat_mode::video;
    } else if (m == "text") {
      out.mode = chat_mode::text;
    } else {
      return bad("field 'mode' must be \"video\" or \"text\"");
    }
  }
  if (const json* interests = optional_field(j, "interests")) {
    if (!interests->is_array()) return bad("field 'interests' must be an array of strings");
    if (interests->size() > max_interests) return bad("at most 10 interests");
    for (const json& tag : *interests) {
      if (!tag.is_string()) return bad("field 'interests' must be an array of strings");
      std::string normal = normalize_interest(tag.get_ref<const std::string&>());
      if (normal.empty()) return bad("each interest is 1 to 32 characters, no control characters");
      if (std::find(out.interests.begin(), out.interests.end(), normal) == out.interests.end()) {
        out.interests.push_back(std::move(normal));
      }
    }
  }
  if (const json* partner = optional_field(j, "partner")) {
    if (!partner->is_string() || !valid_partner(partner->get_ref<const std::string&>()))
      return bad("field 'partner' must be 1 to 64 characters of a-z, 0-9, '.', '_', '-'");
    out.partner = partner->get<std::string>();
  }
  return out;
}

result<report, decode_error> decode_report(const json& j) {
  static constexpr report_reason reasons[] = {report_reason::nudity, report_reason::harassment,
                                              report_reason::spam, report_reason::underage,
                                              report_reason::other};
  auto reason = enum_field(j, "reason", reasons);
  if (!reason) return bad("field 'reason' must be nudity, harassment, spam, underage or other");
  return report{*reason};
}

// A malformed token is answered like any other token the server cannot use (protocol.md).
result<std::string, decode_error> token_field(const json& j) {
  auto it = j.find("token");
  if (it == j.end() || !it->is_string() || !valid_resume_token(it->get_ref<const std::string&>())) {
    return fail(decode_error{error_code::resume_failed,
                             "field 'token' must be 1 to 4096 printable ASCII characters"});
  }
  return it->get<std::string>();
}

result<client_message, decode_error> decode_client_object(const json& j) {
  const auto& type = j.at("type").get_ref<const std::string&>();
  if (type == "join") {
    auto m = decode_join(j);
    if (!m) return fail(m.error());
    return client_message{std::move(m.value())};
  }
  if (type == "next") return client_message{next{}};
  if (type == "leave") return client_message{leave{}};
  if (type == "report") {
    auto m = decode_report(j);
    if (!m) return fail(m.error());
    return client_message{m.value()};
  }
  if (type == "resume") {
    auto token = token_field(j);
    if (!token) return fail(token.error());
    return client_message{resume{std::move(token.value())}};
  }
  if (type == "webrtc_offer" || type == "webrtc_answer" || type == "queued_offer") {
    auto sdp = sdp_field(j);
    if (!sdp) return fail(sdp.error());
    if (type == "webrtc_offer") return client_message{webrtc_offer{std::move(sdp.value())}};
    if (type == "queued_offer") return client_message{queued_offer{std::move(sdp.value())}};
    return client_message{webrtc_answer{std::move(sdp.value())}};
  }
  if (type == "webrtc_ice_candidate") {
    auto c = candidate_field(j);
    if (!c) return fail(c.error());
    return client_message{std::move(c.value())};
  }
  return bad("unknown message type");
}

json candidate_json(const webrtc_ice_candidate& m) {
  if (!m.candidate) return nullptr;
  const ice_candidate& c = *m.candidate;
  json out = {{"candidate", c.candidate}};
  out["sdpMid"] = c.sdp_mid ? json(*c.sdp_mid) : json(nullptr);
  out["sdpMLineIndex"] = c.sdp_mline_index ? json(*c.sdp_mline_index) : json(nullptr);
  if (c.username_fragment) out["usernameFragment"] = *c.username_fragment;
  return out;
}

json string_list(const std::vector<std::string>& list) {
  json out = json::array();
  for (const auto& s : list) out.push_back(s);
  return out;
}

struct encoder {
  json operator()(const join& m) const {
    json out = {{"type", "join"}, {"mode", to_string(m.mode)}};
    out["interests"] = string_list(m.interests);
    if (!m.partner.empty()) out["partner"] = m.partner;
    return out;
  }
  json operator()(const next&) const { return {{"type", "next"}}; }
  json operator()(const leave&) const { return {{"type", "leave"}}; }
  json operator()(const report& m) const {
    return {{"type", "report"}, {"reason", to_string(m.reason)}};
  }
  json operator()(const webrtc_offer& m) const { return {{"type", "webrtc_offer"}, {"sdp", m.sdp}}; }
  json operator()(const queued_offer& m) const {
    return {{"type", "queued_offer"}, {"sdp", m.sdp}};
  }
  json operator()(const webrtc_answer& m) const {
    return {{"type", "webrtc_answer"}, {"sdp", m.sdp}};
  }
  json operator()(const webrtc_ice_candidate& m) const {
    json out = {{"type", "webrtc_ice_candidate"}};
    out["candidate"] = candidate_json(m);
    return out;
  }
  json operator()(const welcome& m) const {
    json servers = json::parse(m.ice_servers_json, nullptr, false);
    if (!servers.is_array()) servers = json::array();
    json out = {{"type", "welcome"}, {"online", m.online}};
    out["iceServers"] = std::move(servers);
    if (m.queued_offer) out["features"] = json::array({feature_queued_offer});
    return out;
  }
  json operator()(const ice_servers& m) const {
    json servers = json::parse(m.ice_servers_json, nullptr, false);
    if (!servers.is_array()) servers = json::array();
    json out = {{"type", "ice_servers"}};
    out["iceServers"] = std::move(servers);
    return out;
  }
  json operator()(const resume& m) const { return {{"type", "resume"}, {"token", m.token}}; }
  json operator()(const matched& m) const {
    json out = {{"type", "matched"}, {"role", to_string(m.my_role)}};
    out["common"] = string_list(m.common);
    if (!m.resume_token.empty()) out["resume"] = m.resume_token;
    if (m.offer_sent) out["offer_sent"] = true;
    return out;
  }
  json operator()(const resumed&) const { return {{"type", "resumed"}}; }
  json operator()(const resume_token& m) const {
    return {{"type", "resume_token"}, {"token", m.token}};
  }
  json operator()(const partner_left& m) const {
    return {{"type", "partner_left"}, {"reason", to_string(m.reason)}};
  }
  json operator()(const online& m) const { return {{"type", "online"}, {"count", m.count}}; }
  json operator()(const error& m) const {
    json out = {{"type", "error"}, {"code", to_string(m.code)}, {"message", m.message}};
    if (m.code == error_code::banned) out["retry_after"] = std::max<std::uint64_t>(m.retry_after, 1);
    return out;
  }
};

// --- Server to client (what the browser client decodes) -----------------------------------------

result<std::uint64_t, decode_error> count_field(const json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_number_unsigned()) {
    return bad(std::string("missing non-negative integer field '") + name + "'");
  }
  return it->get<std::uint64_t>();
}

result<std::vector<std::string>, decode_error> strings_field(const json& j, const char* name) {
  std::vector<std::string> out;
  const json* f = optional_field(j, name);
  if (!f) return out;
  if (!f->is_array()) return bad(std::string("field '") + name + "' must be an array of strings");
  for (const json& s : *f) {
    if (!s.is_string()) return bad(std::string("field '") + name + "' must be an array of strings");
    out.push_back(s.get<std::string>());
  }
  return out;
}

result<server_message, decode_error> decode_server_object(const json& j) {
  const auto& type = j.at("type").get_ref<const std::string&>();
  if (type == "welcome") {
    auto online_count = count_field(j, "online");
    if (!online_count) return fail(online_count.error());
    auto servers = j.find("iceServers");
    if (servers == j.end() || !servers->is_array()) return bad("missing array field 'iceServers'");
    welcome out{online_count.value(), dump(*servers)};
    // Features this client does not know are ignored (a newer server's); a list that is not
    // one of strings is no list: the client then uses none, as with an older server.
    if (const json* features = optional_field(j, "features"); features && features->is_array()) {
      for (const json& f : *features) {
        if (f.is_string() && f.get_ref<const std::string&>() == feature_queued_offer)
          out.queued_offer = true;
      }
    }
    return server_message{std::move(out)};
  }
  if (type == "ice_servers") {
    auto servers = j.find("iceServers");
    if (servers == j.end() || !servers->is_array()) return bad("missing array field 'iceServers'");
    return server_message{ice_servers{dump(*servers)}};
  }
  if (type == "matched") {
    static constexpr role roles[] = {role::initiator, role::responder};
    auto r = enum_field(j, "role", roles);
    if (!r) return bad("field 'role' must be \"initiator\" or \"responder\"");
    auto common = strings_field(j, "common");
    if (!common) return fail(common.error());
    // The stranger's tags, as the server echoes them: the receiver trusts no server either and
    // cleans them with the same sanitiser as a join's.
    if (common.value().size() > max_interests) return bad("at most 10 common interests");
    for (std::string& tag : common.value()) {
      tag = normalize_interest(tag);
      if (tag.empty()) return bad("each common interest is 1 to 32 characters, no controls");
    }
    matched out{*r, std::move(common.value()), {}};
    if (const json* sent = optional_field(j, "offer_sent")) {
      if (!sent->is_boolean()) return bad("field 'offer_sent' must be a boolean");
      // Only the initiator offers: a responder told so would wait for an answer it never gets.
      out.offer_sent = sent->get<bool>() && out.my_role == role::initiator;
    }
    // Optional: a server without resume sends none. One that is unusable is dropped, not the
    // match: the call works, only a dropped socket will end it (as without resume).
    const json* token = optional_field(j, "resume");
    if (token && token->is_string() && valid_resume_token(token->get_ref<const std::string&>())) {
      out.resume_token = token->get<std::string>();
    }
    return server_message{std::move(out)};
  }
  if (type == "resumed") return server_message{resumed{}};
  if (type == "resume_token") {
    auto token = token_field(j);
    if (!token) return fail(token.error());
    return server_message{resume_token{std::move(token.value())}};
  }
  if (type == "partner_left") {
    static constexpr leave_reason reasons[] = {leave_reason::next, leave_reason::leave,
                                               leave_reason::disconnect};
    auto r = enum_field(j, "reason", reasons);
    return server_message{partner_left{r.value_or(leave_reason::disconnect)}};
  }
  if (type == "online") {
    auto count = count_field(j, "count");
    if (!count) return fail(count.error());
    return server_message{online{count.value()}};
  }
  if (type == "error") {
    static constexpr error_code codes[] = {error_code::bad_message, error_code::not_matched,
                                           error_code::too_large, error_code::rate_limited,
                                           error_code::unavailable, error_code::banned,
                                           error_code::resume_failed};
    error out;
    out.code = enum_field(j, "code", codes).value_or(error_code::bad_message);
    auto message = j.find("message");
    if (message != j.end() && message->is_string()) out.message = message->get<std::string>();
    if (out.code == error_code::banned) {
      // The client counts down from it: a ban without a time left is not a ban we can show.
      auto left = count_field(j, "retry_after");
      if (!left || left.value() == 0) return bad("banned needs a positive integer 'retry_after'");
      out.retry_after = left.value();
    }
    return server_message{std::move(out)};
  }
  // The three relayed messages share the client's decoder.
  if (type == "webrtc_offer" || type == "webrtc_answer" || type == "webrtc_ice_candidate") {
    auto m = decode_client_object(j);
    if (!m) return fail(m.error());
    return std::visit(
        [](auto&& v) -> result<server_message, decode_error> {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, webrtc_offer> || std::is_same_v<T, webrtc_answer> ||
                        std::is_same_v<T, webrtc_ice_candidate>) {
            return server_message{std::move(v)};
          } else {
            return bad("unreachable");
          }
        },
        std::move(m.value()));
  }
  return bad("unknown message type");
}

// The relay's fast paths (the server's CPU per call setup, docs/performance.md): offers,
// answers and candidates, the largest and most frequent frames, read without a document when
// they are shallow (as browsers send them), and written with the escaper. Anything else, every
// error included, takes the full parser or encoder, and both paths give the same bytes
// (codec_fuzz compares them), so nothing is accepted or written differently.
using json_text::value;

// An optional string of a candidate, as optional_string() takes it; false: the full path decides.
bool fast_optional_string(const json_text::object& c, const char* name,
                          std::optional<std::string>& out) {
  const value* v = json_text::find(c, name);
  if (!v || v->type == value::kind::null) return true;
  if (v->type != value::kind::string || v->text.size() > max_candidate_bytes) return false;
  out = v->text;
  return true;
}

std::optional<client_message> decode_candidate_fast(const value& v) {
  if (v.type == value::kind::null) return client_message{webrtc_ice_candidate{}};
  if (v.type != value::kind::object) return std::nullopt;
  const value* text = json_text::find(v.object, "candidate");
  if (!text || text->type != value::kind::string || text->text.size() > max_candidate_bytes)
    return std::nullopt;
  ice_candidate out;
  out.candidate = text->text;
  if (!fast_optional_string(v.object, "sdpMid", out.sdp_mid) ||
      !fast_optional_string(v.object, "usernameFragment", out.username_fragment))
    return std::nullopt;
  if (const value* index = json_text::find(v.object, "sdpMLineIndex");
      index && index->type != value::kind::null) {
    if (index->type != value::kind::number || index->number > 0xffff) return std::nullopt;
    out.sdp_mline_index = static_cast<std::uint32_t>(index->number);
  }
  return client_message{webrtc_ice_candidate{std::move(out)}};
}

// Only messages that decode: every error, and every type but the relayed three, is left to the
// full path, so its errors and messages stay the only ones.
std::optional<client_message> decode_relay_fast(std::string_view text) {
  auto o = json_text::read_shallow(text);
  if (!o) return std::nullopt;
  const value* type = json_text::find(*o, "type");
  if (!type || type->type != value::kind::string) return std::nullopt;
  if (type->text == "webrtc_ice_candidate") {
    const value* c = json_text::find(*o, "candidate");
    return c ? decode_candidate_fast(*c) : std::nullopt;
  }
  const bool offer = type->text == "webrtc_offer";
  if (!offer && type->text != "webrtc_answer") return std::nullopt;
  value* sdp = json_text::find(*o, "sdp");
  if (!sdp || sdp->type != value::kind::string || sdp->text.empty() ||
      sdp->text.size() > max_sdp_bytes)
    return std::nullopt;
  if (offer) return client_message{webrtc_offer{std::move(sdp->text)}};
  return client_message{webrtc_answer{std::move(sdp->text)}};
}

// Keys in nlohmann's order (sorted, as its std::map keeps them), so the bytes are the same.
std::optional<std::string> encode_sdp_fast(std::string_view sdp, std::string_view type) {
  std::string out = R"({"sdp":)";
  if (!json_text::append_string(out, sdp)) return std::nullopt;
  out += R"(,"type":")";
  out += type;
  out += R"("})";
  return out;
}

std::optional<std::string> encode_candidate_fast(const webrtc_ice_candidate& m) {
  if (!m.candidate) return std::string(R"({"candidate":null,"type":"webrtc_ice_candidate"})");
  const ice_candidate& c = *m.candidate;
  std::string out = R"({"candidate":{"candidate":)";
  if (!json_text::append_string(out, c.candidate)) return std::nullopt;
  out += R"(,"sdpMLineIndex":)";
  out += c.sdp_mline_index ? std::to_string(*c.sdp_mline_index) : "null";
  out += R"(,"sdpMid":)";
  if (!c.sdp_mid) {
    out += "null";
  } else if (!json_text::append_string(out, *c.sdp_mid)) {
    return std::nullopt;
  }
  if (c.username_fragment) {
    out += R"(,"usernameFragment":)";
    if (!json_text::append_string(out, *c.username_fragment)) return std::nullopt;
  }
  out += R"(},"type":"webrtc_ice_candidate"})";
  return out;
}

std::optional<std::string> encode_relay_fast(const server_message& m) {
  if (const auto* o = std::get_if<webrtc_offer>(&m)) return encode_sdp_fast(o->sdp, "webrtc_offer");
  if (const auto* a = std::get_if<webrtc_answer>(&m))
    return encode_sdp_fast(a->sdp, "webrtc_answer");
  if (const auto* c = std::get_if<webrtc_ice_candidate>(&m)) return encode_candidate_fast(*c);
  return std::nullopt;
}

}  // namespace

// The server side of the one interest sanitiser (chat::sanitize_interest_tag, which the page's
// chips use too), with the rules a join adds: a control character is an error, not something
// to clean (a page of ours never sends one), and the length is checked after cleaning.
std::string normalize_interest(std::string_view tag) {
  auto is_space = [](char c) { return c == ' ' || c == '\t'; };
  while (!tag.empty() && is_space(tag.front())) tag.remove_prefix(1);
  while (!tag.empty() && is_space(tag.back())) tag.remove_suffix(1);
  // A byte cap first, so a tag stays small whatever its script and the work stays bounded.
  if (tag.empty() || tag.size() > 4 * max_interest_chars) return {};
  for (char ch : tag) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) return {};
  }
  std::string out = chat::sanitize_interest_tag(tag);
  if (chat::utf8_length(out) > max_interest_chars) return {};
  return out;
}

result<client_message, decode_error> decode_client(std::string_view text) {
  if (text.size() <= max_frame_bytes) {
    if (auto m = decode_relay_fast(text)) return std::move(*m);
  }
  auto j = parse_object(text);
  if (!j) return fail(j.error());
  return decode_client_object(j.value());
}

result<server_message, decode_error> decode_server(std::string_view text) {
  auto j = parse_object(text);
  if (!j) return fail(j.error());
  return decode_server_object(j.value());
}

std::string encode(const client_message& m) { return dump(std::visit(encoder{}, m)); }
std::string encode(const server_message& m) {
  if (auto fast = encode_relay_fast(m)) return std::move(*fast);
  return dump(std::visit(encoder{}, m));
}

}  // namespace novatalk::protocol
