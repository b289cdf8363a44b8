// The HTTP headers of the static site, in one place: the dev server sends them (http_session)
// and --print-headers writes them for a CDN (cdn_headers). Computed from config.json's partner
// list (allowedParents) and signaling address; see docs/cdn.md for why each header is what it is.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.hpp"

namespace novatalk::server {

// What config.json says that the headers depend on.
struct site_policy {
  std::vector<std::string> partners;  // allowedParents, normalised origins (may frame the page)
  std::string signal_origin;          // "wss://host[:port]" when `signal` is on another origin
  std::vector<std::string> problems;  // refused entries ("allowedParents[2]: ..."), for the log
};

// config.json's text -> policy. An error (not JSON, not an object, allowedParents not an array)
// says what is wrong without echoing the file; the caller then runs with no partners.
result<site_policy, std::string> parse_site_policy(std::string_view config_json);

// What a file is, for its headers.
enum class file_kind {
  page,          // .html: the CSP, Permissions-Policy, never cached without revalidation
  hashed,        // name.<8+ hex>.ext: its content never changes under that name
  embed_script,  // embed.js: partners load it with <script> from their own origin
  other,         // config.json and every other unhashed file
};
// `name` is the file's name or path (only the last segment counts).
file_kind classify(std::string_view name);
bool is_content_hashed(std::string_view name);

struct header {
  std::string name;
  std::string value;
};

// Enforced: the page runs under the CSP (no inline script or style, embind built without
// `new Function`; tests/browser/csp.test.mjs counts zero violations). false sends it
// Report-Only, with frame-ancestors alone enforced (a Report-Only policy cannot carry it).
inline constexpr bool csp_enforced = true;
const char* csp_header_name();
std::string content_security_policy(const site_policy& policy);
std::string frame_ancestors(const site_policy& policy);  // "frame-ancestors 'self' <partners>"
std::string permissions_policy(const site_policy& policy);
std::string cache_control(file_kind kind);
// Every header of the site for a file of this kind, in a fixed order. Not Content-Type,
// Content-Encoding or Vary: those depend on the file and the request.
std::vector<header> site_headers(file_kind kind, const site_policy& policy);

}  // namespace novatalk::server
