// Interest chip rules: split, clean (chat::sanitize_interest_tag, as the protocol codec does),
// then check length, duplicates and count in that order, so the most useful message wins.
#include "core/interests/interest_chips.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

#include "core/chat/chat_text.hpp"
#include "core/chat/utf8.hpp"

namespace novatalk::interests {
namespace {

using json = nlohmann::json;

failure<chip_error> reject(chip_error_code code) {
  switch (code) {
    case chip_error_code::empty:
      return fail(chip_error{code, "Type an interest first."});
    case chip_error_code::too_long:
      return fail(chip_error{code, "An interest is at most 32 characters."});
    case chip_error_code::duplicate:
      return fail(chip_error{code, "You already added that interest."});
    case chip_error_code::too_many:
      return fail(chip_error{code, "You can add up to 10 interests."});
    case chip_error_code::invalid:
      return fail(chip_error{code, "That interest has characters that cannot be shown."});
  }
  return fail(chip_error{code, "That interest cannot be added."});
}

bool is_separator(char c) { return c == ',' || c == '\n' || c == '\r'; }

// A piece longer than this is too long whatever it holds (a 32-character tag is at most 128
// bytes); the bound keeps the work on a hostile paste small.
constexpr std::size_t kMaxPieceBytes = 1024;

}  // namespace

const char* to_string(chip_error_code c) {
  switch (c) {
    case chip_error_code::empty:
      return "empty";
    case chip_error_code::too_long:
      return "too_long";
    case chip_error_code::duplicate:
      return "duplicate";
    case chip_error_code::too_many:
      return "too_many";
    case chip_error_code::invalid:
      return "invalid";
  }
  return "?";
}

result<bool, chip_error> interest_chips::add_one(std::string_view piece) {
  while (!piece.empty() && (piece.front() == ' ' || piece.front() == '\t')) piece.remove_prefix(1);
  while (!piece.empty() && (piece.back() == ' ' || piece.back() == '\t')) piece.remove_suffix(1);
  if (piece.size() > kMaxPieceBytes) return reject(chip_error_code::too_long);
  if (!chat::is_valid_utf8(piece)) return reject(chip_error_code::invalid);
  std::string tag = chat::sanitize_interest_tag(piece);
  if (tag.empty()) return false;  // nothing here: the caller decides whether that is an error
  if (chat::utf8_length(tag) > kMaxTagChars) return reject(chip_error_code::too_long);
  if (std::find(tags_.begin(), tags_.end(), tag) != tags_.end()) {
    return reject(chip_error_code::duplicate);
  }
  if (full()) return reject(chip_error_code::too_many);
  tags_.push_back(std::move(tag));
  return true;
}

result<std::size_t, chip_error> interest_chips::add(std::string_view text) {
  std::size_t added = 0;
  bool any_piece = false;
  std::optional<chip_error> first_error;
  while (true) {
    const auto end = std::find_if(text.begin(), text.end(), is_separator);
    const std::string_view piece(text.data(), static_cast<std::size_t>(end - text.begin()));
    auto r = add_one(piece);
    if (!r) {
      any_piece = true;
      if (!first_error) first_error = r.error();
    } else if (r.value()) {
      any_piece = true;
      ++added;
    }
    // A paste far longer than ten chips: once full, the rest can only be rejected.
    if (end == text.end() || (full() && first_error)) break;
    text.remove_prefix(piece.size() + 1);
  }
  if (first_error) return fail(std::move(*first_error));
  if (!any_piece) return reject(chip_error_code::empty);
  return added;
}

bool interest_chips::remove(std::size_t index) {
  if (index >= tags_.size()) return false;
  tags_.erase(tags_.begin() + static_cast<std::ptrdiff_t>(index));
  return true;
}

interest_chips interest_chips::parse(std::string_view comma_or_json) {
  interest_chips chips;
  const auto first = comma_or_json.find_first_not_of(" \t\r\n");
  // JSON when it looks like JSON: '[' as serialize() writes, '{' never a list of chips.
  if (first != std::string_view::npos &&
      (comma_or_json[first] == '[' || comma_or_json[first] == '{')) {
    const json j = json::parse(comma_or_json.begin(), comma_or_json.end(), nullptr, false);
    if (!j.is_array()) return chips;  // corrupt storage: start without chips
    for (const json& tag : j) {
      if (tag.is_string()) (void)chips.add(tag.get_ref<const std::string&>());
    }
    return chips;
  }
  (void)chips.add(comma_or_json);
  return chips;
}

std::string interest_chips::serialize() const {
  return json(tags_).dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace novatalk::interests
