// Lookup tables built once from the catalogues (English from english.inc, the others from
// catalogue_es.cpp and catalogue_de.cpp), and the choice of language.
#include "core/i18n/catalogue.hpp"

#include <array>

namespace novatalk::i18n {

entries catalogue_es();
entries catalogue_de();

namespace {

constexpr entry english[] = {
#define NT_TEXT(key, en) {text_id::key, en},
#include "core/i18n/english.inc"
#undef NT_TEXT
};
static_assert(sizeof(english) / sizeof(english[0]) == text_count, "one English text per key");

constexpr const char* names[] = {
#define NT_TEXT(key, en) #key,
#include "core/i18n/english.inc"
#undef NT_TEXT
};

using table = std::array<const char*, text_count>;

table build(language l) {
  table t{};
  for (const entry& e : english) t[static_cast<std::size_t>(e.id)] = e.text;
  const entries own = catalogue(l);
  for (std::size_t i = 0; i < own.size; ++i) {
    const entry& e = own.begin[i];
    if (e.id < text_id::count && e.text && *e.text) t[static_cast<std::size_t>(e.id)] = e.text;
  }
  return t;
}

const table& lookup(language l) {
  static const std::array<table, language_count> tables = {build(language::en),
                                                           build(language::es),
                                                           build(language::de)};
  return tables[static_cast<std::size_t>(l) < language_count ? static_cast<std::size_t>(l) : 0];
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

const char* key_name(text_id id) {
  return id < text_id::count ? names[static_cast<std::size_t>(id)] : "?";
}

const char* code(language l) {
  switch (l) {
    case language::es:
      return "es";
    case language::de:
      return "de";
    default:
      return "en";
  }
}

std::optional<language> parse_language(std::string_view tag) {
  const std::size_t dash = tag.find_first_of("-_");
  const std::string_view primary = tag.substr(0, dash);
  if (primary.size() != 2) return std::nullopt;
  const std::string p{lower(primary[0]), lower(primary[1])};
  for (language l : {language::en, language::es, language::de}) {
    if (p == code(l)) return l;
  }
  return std::nullopt;
}

language_choice pick_language(std::string_view url_lang, std::string_view browser_lang) {
  if (!url_lang.empty()) {
    if (auto l = parse_language(url_lang)) return {*l, false};
    return {language::en, true};
  }
  if (auto l = parse_language(browser_lang)) return {*l, false};
  return {language::en, false};
}

entries catalogue(language l) {
  switch (l) {
    case language::es:
      return catalogue_es();
    case language::de:
      return catalogue_de();
    default:
      return {english, text_count};
  }
}

const char* text(language l, text_id id) {
  if (id >= text_id::count) return "";
  return lookup(l)[static_cast<std::size_t>(id)];
}

std::string fill(std::string_view pattern, std::string_view value) {
  const std::size_t at = pattern.find("{}");
  if (at == std::string_view::npos) return std::string(pattern);
  std::string s(pattern.substr(0, at));
  s += value;
  s += pattern.substr(at + 2);
  return s;
}

}  // namespace novatalk::i18n
