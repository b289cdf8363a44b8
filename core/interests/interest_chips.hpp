// The interest tags on the landing screen, as chips: the rules for adding and removing them,
// and their form in localStorage. Every accepted list is one the protocol's join accepts as is.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/result.hpp"

namespace novatalk::interests {

// Mirrors of protocol v1's limits (core/protocol/messages.hpp: max_interests,
// max_interest_chars); a test fails if they ever differ.
inline constexpr std::size_t kMaxTags = 10;
inline constexpr std::size_t kMaxTagChars = 32;  // characters (code points), not bytes

enum class chip_error_code {
  empty,      // nothing left after trimming
  too_long,   // over kMaxTagChars characters
  duplicate,  // already a chip (compared ASCII-lowercase, as the server compares them)
  too_many,   // already kMaxTags chips
  invalid,    // not valid UTF-8
};
const char* to_string(chip_error_code c);  // "empty", "too_long", ...

struct chip_error {
  chip_error_code code = chip_error_code::empty;
  std::string message;  // a short English sentence for the person, never echoing the input
};

class interest_chips {
 public:
  // Adds what the person typed or pasted. Commas and line breaks separate tags, so a pasted
  // "music, art" adds two; empty pieces between separators are skipped. Each tag is cleaned
  // like chat text (controls and invisible characters dropped, spaces trimmed and runs of them
  // made one) and ASCII-lowercased. Returns how many chips were added, or the first rejection
  // (the acceptable pieces of a paste are added all the same).
  result<std::size_t, chip_error> add(std::string_view text);
  // Removes the chip at index; false when there is none.
  bool remove(std::size_t index);
  void clear() { tags_.clear(); }

  const std::vector<std::string>& tags() const { return tags_; }
  bool full() const { return tags_.size() >= kMaxTags; }

  // From localStorage (a JSON array of strings, as serialize() writes) or from a comma-separated
  // list (the `interests=` URL parameter, the page API). Lenient: what add() rejects is left
  // out, and text that starts like JSON ('[' or '{') but is not an array gives no chips.
  static interest_chips parse(std::string_view comma_or_json);
  // A JSON array of strings, for localStorage.
  std::string serialize() const;

 private:
  result<bool, chip_error> add_one(std::string_view piece);

  std::vector<std::string> tags_;
};

}  // namespace novatalk::interests
