// Origin normalisation and the exact-match allowlist (see origin_rules.hpp for the rules).
#include "core/embed/origin_rules.hpp"

#include <algorithm>

namespace novatalk::embed {
namespace {

using outcome = result<std::string, origin_error>;

outcome bad(std::string message) { return fail(origin_error{std::move(message)}); }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z'); }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }

// A DNS name or IPv4 address, already lower-cased: labels of letters, digits and inner hyphens.
// A final dot ("example.com.") is a different origin to the browser, so it is kept, not dropped.
bool valid_host_name(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  std::string_view rest = host;
  if (rest.back() == '.') rest.remove_suffix(1);
  while (true) {
    const std::size_t dot = rest.find('.');
    const std::string_view label = rest.substr(0, dot);
    if (label.empty() || label.size() > 63) return false;
    if (label.front() == '-' || label.back() == '-') return false;
    if (!std::all_of(label.begin(), label.end(), [](char c) { return is_alnum(c) || c == '-'; })) {
      return false;
    }
    if (dot == std::string_view::npos) return true;
    rest.remove_prefix(dot + 1);
  }
}

// "[::1]": hex digits, colons and dots (an embedded IPv4) inside brackets.
bool valid_ipv6(std::string_view host) {
  if (host.size() < 4 || host.front() != '[' || host.back() != ']') return false;
  const std::string_view inner = host.substr(1, host.size() - 2);
  return inner.find(':') != std::string_view::npos &&
         std::all_of(inner.begin(), inner.end(),
                     [](char c) { return is_hex(c) || c == ':' || c == '.'; });
}

}  // namespace

result<std::string, origin_error> normalize_origin(std::string_view text) {
  if (text.empty()) return bad("empty origin");
  if (text.size() > max_origin_chars) return bad("origin too long");
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return bad("spaces or control characters in origin");
    if (u >= 0x80) return bad("non-ASCII host: write it in punycode (xn--...)");
  }
  std::string s(text);
  std::transform(s.begin(), s.end(), s.begin(), lower);
  if (s == "null") return bad("opaque origin \"null\" is never allowed");
  if (s.find('*') != std::string::npos) return bad("wildcards are not allowed: list exact origins");

  const std::size_t scheme_end = s.find("://");
  if (scheme_end == std::string::npos) return bad("origin needs a scheme (https://...)");
  const std::string scheme = s.substr(0, scheme_end);
  if (scheme != "https" && scheme != "http") return bad("origin scheme must be http or https");
  std::string rest = s.substr(scheme_end + 3);
  if (!rest.empty() && rest.back() == '/') rest.pop_back();  // "https://a.example/" is common
  if (rest.find_first_of("/?#\\") != std::string::npos) {
    return bad("an origin has no path, query or fragment");
  }
  if (rest.find('@') != std::string::npos) return bad("user info is not allowed in an origin");

  std::string host = rest;
  std::string port;
  const std::size_t colon = rest.rfind(':');
  const std::size_t bracket = rest.rfind(']');
  if (colon != std::string::npos && (bracket == std::string::npos || colon > bracket)) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
    if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), is_digit)) {
      return bad("port must be a number");
    }
    long number = 0;
    for (const char c : port) number = number * 10 + (c - '0');
    if (number < 1 || number > 65535) return bad("port out of range");
    port = std::to_string(number);  // "0443" -> "443"
    if ((scheme == "https" && number == 443) || (scheme == "http" && number == 80)) port.clear();
  }
  if (host.empty()) return bad("origin needs a host");
  const bool ok_host = host.front() == '[' ? valid_ipv6(host) : valid_host_name(host);
  if (!ok_host) return bad("invalid host in origin");
  return scheme + "://" + host + (port.empty() ? "" : ":" + port);
}

origin_allowlist::origin_allowlist(std::string_view own, const std::vector<std::string>& entries) {
  if (auto o = normalize_origin(own)) allowed_.push_back(std::move(o.value()));
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string where = "allowedParents[" + std::to_string(i) + "]: ";
    if (i >= max_allowed_parents) {
      problems_.push_back(where + "more than " + std::to_string(max_allowed_parents) +
                          " entries; the rest are ignored");
      break;
    }
    auto o = normalize_origin(entries[i]);
    if (!o) {
      problems_.push_back(where + o.error().message);
      continue;
    }
    if (std::find(allowed_.begin(), allowed_.end(), o.value()) == allowed_.end()) {
      allowed_.push_back(std::move(o.value()));
    }
  }
}

bool origin_allowlist::allows(std::string_view origin) const {
  auto o = normalize_origin(origin);
  return o && std::find(allowed_.begin(), allowed_.end(), o.value()) != allowed_.end();
}

}  // namespace novatalk::embed
