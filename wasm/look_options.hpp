// The partner's look options from the page's URL: theme=dark|light, accent=RRGGBB, minimal=1,
// lang=xx (docs/client.md). A value that makes no sense is ignored with one console warning.
#pragma once

#include <emscripten/val.h>

#include <optional>

#include "core/i18n/catalogue.hpp"
#include "core/look/palette.hpp"

namespace novatalk::client {

struct look_options {
  look::scheme scheme = look::scheme::dark;  // theme=
  std::optional<look::rgb> accent;           // accent= (the brand colour)
  bool minimal = false;                      // minimal=1: the landing without its extras
  i18n::language language = i18n::language::en;  // lang=, else navigator.language, else en
};

// `search`: the page's URLSearchParams.
look_options read_look_options(const emscripten::val& search);

}  // namespace novatalk::client
