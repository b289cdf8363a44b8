// The site's headers (see site_headers.hpp; the reasons are in docs/cdn.md). Change the CSP here
// and only here: the dev server, the tests and the generated CDN files all take it from this file.
#include "server/site_headers.hpp"

#include <nlohmann/json.hpp>

#include "core/embed/origin_rules.hpp"

namespace novatalk::server {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

std::string_view base_name(std::string_view name) {
  const auto slash = name.rfind('/');
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

// config.json's `signal` ("/ws", "wss://signal.example/ws") -> its origin when absolute, in the
// ws/wss form the socket's CSP check sees. Relative URLs are the page's own origin: 'self'.
std::string signal_origin_of(const std::string& signal, std::vector<std::string>& problems) {
  const auto scheme_end = signal.find("://");
  if (scheme_end == std::string::npos) return {};
  const std::string scheme = lower(signal.substr(0, scheme_end));
  const bool secure = scheme == "wss" || scheme == "https";
  if (!secure && scheme != "ws" && scheme != "http") {
    problems.push_back("signal: scheme must be ws, wss, http or https");
    return {};
  }
  // The origin rules know http/https; ws/wss have the same syntax and default ports.
  const std::string rest = signal.substr(scheme_end + 3);
  const auto authority = rest.substr(0, rest.find_first_of("/?#"));
  auto origin = embed::normalize_origin((secure ? "https://" : "http://") + authority);
  if (!origin) {
    problems.push_back("signal: " + origin.error().message);
    return {};
  }
  return (secure ? "wss" : "ws") + origin.value().substr(secure ? 5 : 4);
}

std::string quoted_partners(const site_policy& policy) {
  std::string out;
  for (const auto& p : policy.partners) out += " \"" + p + "\"";
  return out;
}

}  // namespace

result<site_policy, std::string> parse_site_policy(std::string_view config_json) {
  const auto j = nlohmann::json::parse(config_json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return fail(std::string("config.json is not valid JSON"));
  if (!j.is_object()) return fail(std::string("config.json is not a JSON object"));
  site_policy policy;
  std::vector<std::string> entries;
  if (const auto it = j.find("allowedParents"); it != j.end()) {
    if (!it->is_array()) return fail(std::string("allowedParents is not an array of origins"));
    for (const auto& e : *it) entries.push_back(e.is_string() ? e.get<std::string>() : "");
  }
  // The same rules as the page's own check of allowedParents (core/embed): "" is never an
  // origin, so only the listed parents come out, and non-strings count as refused entries.
  const embed::origin_allowlist list("", entries);
  policy.partners = list.origins();
  policy.problems = list.problems();
  if (const auto it = j.find("signal"); it != j.end() && it->is_string())
    policy.signal_origin = signal_origin_of(it->get<std::string>(), policy.problems);
  return policy;
}

bool is_content_hashed(std::string_view name) {
  name = base_name(name);
  // name.<hash>.ext: the hash is the second-to-last dot-separated part, 8+ lowercase hex digits.
  const auto last = name.rfind('.');
  if (last == std::string_view::npos || last == 0 || last + 1 == name.size()) return false;
  const auto prev = name.rfind('.', last - 1);
  if (prev == std::string_view::npos || prev == 0) return false;
  const auto hash = name.substr(prev + 1, last - prev - 1);
  if (hash.size() < 8) return false;
  for (char c : hash)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

file_kind classify(std::string_view name) {
  name = base_name(name);
  const auto dot = name.rfind('.');
  const std::string ext = dot == std::string_view::npos ? "" : lower(name.substr(dot + 1));
  if (ext == "html" || ext == "htm") return file_kind::page;
  if (is_content_hashed(name)) return file_kind::hashed;
  if (name == "embed.js") return file_kind::embed_script;
  return file_kind::other;
}

std::string content_security_policy(const site_policy& policy) {
  // 'self' covers the page's own ws:/wss: origin (CSP 3), so no blanket ws: wss: (which would
  // let injected script talk to any socket server); a signaling server elsewhere is named.
  std::string connect = "'self'";
  if (!policy.signal_origin.empty()) connect += " " + policy.signal_origin;
  return "default-src 'self'; "
         "script-src 'self' 'wasm-unsafe-eval'; "
         "style-src 'self'; "
         "img-src 'self' data: blob:; "
         "media-src 'self' blob: mediastream:; "
         "connect-src " +
         connect +
         "; "
         "font-src 'self'; "
         "worker-src 'none'; "
         "object-src 'none'; "
         "base-uri 'none'; "
         "form-action 'none'; " +
         frame_ancestors(policy);
}

std::string frame_ancestors(const site_policy& policy) {
  std::string out = "frame-ancestors 'self'";
  for (const auto& p : policy.partners) out += " " + p;
  return out;
}

const char* csp_header_name() {
  return csp_enforced ? "Content-Security-Policy" : "Content-Security-Policy-Report-Only";
}

std::string permissions_policy(const site_policy& policy) {
  const std::string allow = "(self" + quoted_partners(policy) + ")";
  return "camera=" + allow + ", microphone=" + allow + ", autoplay=" + allow +
         ", fullscreen=" + allow + ", geolocation=(), payment=(), usb=()";
}

std::string cache_control(file_kind kind) {
  // Unhashed names keep their name across deploys: a cache must ask every time (a 304 is cheap).
  return kind == file_kind::hashed ? "public, max-age=31536000, immutable" : "no-cache";
}

std::vector<header> site_headers(file_kind kind, const site_policy& policy) {
  std::vector<header> out;
  out.push_back({"Cache-Control", cache_control(kind)});
  out.push_back({"X-Content-Type-Options", "nosniff"});
  out.push_back({"Referrer-Policy", "no-referrer"});
  // Partners' pages load embed.js cross-origin with <script>; nothing else is theirs to load.
  out.push_back({"Cross-Origin-Resource-Policy",
                 kind == file_kind::embed_script ? "cross-origin" : "same-origin"});
  if (kind == file_kind::page) {
    if (!csp_enforced) out.push_back({"Content-Security-Policy", frame_ancestors(policy)});
    out.push_back({csp_header_name(), content_security_policy(policy)});
    out.push_back({"Permissions-Policy", permissions_policy(policy)});
  }
  return out;
}

}  // namespace novatalk::server
