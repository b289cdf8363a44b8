// The fast JSON paths (core/protocol/json_text) against nlohmann::json, for json_text_test and
// the codec fuzz target: what the shallow reader takes must be what nlohmann reads, and what the
// escaper writes what nlohmann writes.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "core/protocol/json_text.hpp"

namespace novatalk::protocol::json_text::check {

inline bool same_value(const value& ours, const nlohmann::json& theirs);

// Same members (nlohmann's are sorted and unique), same values.
inline bool same_object(const object& ours, const nlohmann::json& theirs) {
  if (!theirs.is_object() || theirs.size() != ours.size()) return false;
  for (const auto& m : ours) {
    const auto it = theirs.find(m.key);
    if (it == theirs.end() || !same_value(m.val, *it)) return false;
  }
  return true;
}

inline bool same_value(const value& ours, const nlohmann::json& theirs) {
  switch (ours.type) {
    case value::kind::string:
      return theirs.is_string() && theirs.get_ref<const std::string&>() == ours.text;
    case value::kind::null:
      return theirs.is_null();
    case value::kind::number:
      return theirs.is_number_unsigned() && theirs.get<std::uint64_t>() == ours.number;
    case value::kind::object:
      return same_object(ours.object, theirs);
  }
  return false;
}

// True when the reader leaves `text` alone, or reads what nlohmann reads.
inline bool reads_as_nlohmann(std::string_view text) {
  const auto ours = read_shallow(text);
  if (!ours) return true;
  const auto theirs = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  return !theirs.is_discarded() && same_object(*ours, theirs);
}

inline std::string nlohmann_dump(std::string_view s) {
  return nlohmann::json(std::string(s))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// True when the escaper refuses `s` (invalid UTF-8), or writes what nlohmann writes.
inline bool escapes_as_nlohmann(std::string_view s) {
  std::string ours;
  return !append_string(ours, s) || ours == nlohmann_dump(s);
}

}  // namespace novatalk::protocol::json_text::check
