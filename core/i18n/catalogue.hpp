// The message catalogue: every sentence the person sees on the canvas (and hears from the
// screen reader's live region), by key, in English, Spanish and German. The UI resolves keys at
// draw time (i18n::text); a key missing from a language falls back to English.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace novatalk::i18n {

enum class text_id {
#define NT_TEXT(key, english) key,
#include "core/i18n/english.inc"
#undef NT_TEXT
  count
};
inline constexpr std::size_t text_count = static_cast<std::size_t>(text_id::count);
const char* key_name(text_id id);  // "start": for test messages

enum class language { en, es, de, count };
inline constexpr std::size_t language_count = static_cast<std::size_t>(language::count);
const char* code(language l);  // "en", "es", "de": also the value for <html lang>

// A BCP 47 tag's primary subtag, when we have that language: "es", "es-MX", "DE-de" -> es.
std::optional<language> parse_language(std::string_view tag);

struct language_choice {
  language lang = language::en;
  bool url_unknown = false;  // the URL asked for a language we do not have (worth a warning)
};
// The URL's lang= when we have it; no lang= at all: the browser's (navigator.language); else,
// and for a lang= we do not have, English.
language_choice pick_language(std::string_view url_lang, std::string_view browser_lang);

struct entry {
  text_id id;
  const char* text;  // UTF-8
};
struct entries {
  const entry* begin;
  std::size_t size;
};
entries catalogue(language l);  // as written, for the tests: may lack keys

// The text of `id` in `l`, English where `l` has none. Never null.
const char* text(language l, text_id id);

// `pattern` with its first "{}" replaced by `value` (the rest as is).
std::string fill(std::string_view pattern, std::string_view value);

}  // namespace novatalk::i18n
