// Reads theme, accent, minimal and lang from URLSearchParams; parsing is core/look's.
#include "wasm/look_options.hpp"

#include <string>

namespace novatalk::client {
namespace {

using emscripten::val;

void warn(const std::string& text) {
  val::global("console").call<void>("warn", std::string("NovaTalk: ") + text);
}

}  // namespace

look_options read_look_options(const val& search) {
  auto get = [&](const char* name) -> std::optional<std::string> {
    val v = search.call<val>("get", std::string(name));
    if (!v.isString()) return std::nullopt;
    return v.as<std::string>();
  };
  look_options o;
  if (auto theme = get("theme")) {
    if (auto s = look::parse_scheme(*theme)) {
      o.scheme = *s;
    } else {
      warn("theme must be dark or light; keeping dark");
    }
  }
  if (auto accent = get("accent")) {
    auto c = look::parse_hex(*accent);
    if (c) {
      o.accent = c.value();
    } else {
      warn(std::string("accent must be six hex digits (RRGGBB), got ") + to_string(c.error()) +
           "; keeping the default colour");
    }
  }
  if (auto minimal = get("minimal")) o.minimal = *minimal == "1" || *minimal == "true";
  val nav = val::global("navigator")["language"];
  const i18n::language_choice lang =
      i18n::pick_language(get("lang").value_or(""), nav.isString() ? nav.as<std::string>() : "");
  if (lang.url_unknown) warn("lang has no catalogue here (en, es, de); using English");
  o.language = lang.lang;
  return o;
}

}  // namespace novatalk::client
