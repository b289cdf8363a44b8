// sanitize_chat_text in one streaming pass: whitespace is held back until something visible
// follows it, which trims both ends, drops spaces before line breaks and caps newline runs
// without a second pass, and lets a huge input stop as soon as nothing more can fit.
#include "core/chat/chat_text.hpp"

#include <algorithm>
#include <vector>

#include "core/chat/utf8.hpp"

namespace novatalk::chat {
namespace {

enum class kind { drop, newline, space, combining, visible };

bool in(char32_t cp, char32_t lo, char32_t hi) { return cp >= lo && cp <= hi; }

kind classify(char32_t cp) {
  if (cp == '\n' || cp == 0x2028 || cp == 0x2029) return kind::newline;
  if (cp == ' ' || cp == '\t') return kind::space;
  if (cp < 0x20 || in(cp, 0x7F, 0x9F)) return kind::drop;
  if (cp < 0x7F) return kind::visible;  // the common case, before the range checks below
  if (cp == 0x00A0 || cp == 0x1680 || in(cp, 0x2000, 0x200A) || cp == 0x202F || cp == 0x205F ||
      cp == 0x3000 || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 ||
      cp == 0x2800) {
    return kind::space;
  }
  if (cp == 0x200B || in(cp, 0x202A, 0x202E) || in(cp, 0x2060, 0x2064) || in(cp, 0x2066, 0x206F) ||
      cp == 0xFEFF || in(cp, 0xFFF9, 0xFFFB) || in(cp, 0xFDD0, 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
    return kind::drop;
  }
  if (in(cp, 0x0300, 0x036F) || in(cp, 0x1AB0, 0x1AFF) || in(cp, 0x1DC0, 0x1DFF) ||
      in(cp, 0x20D0, 0x20FF) || in(cp, 0xFE20, 0xFE2F)) {
    return kind::combining;
  }
  return kind::visible;
}

}  // namespace

std::string sanitize_chat_text(std::string_view raw, std::size_t max_code_points) {
  std::string out;
  out.reserve(std::min(raw.size(), max_code_points * 4));
  std::size_t count = 0;                 // code points in out
  std::size_t pending_newlines = 0;      // line breaks since the last visible code point
  std::vector<char32_t> pending_spaces;  // spaces since the last visible code point or break
  bool spaces_overflow = false;          // more pending spaces than the cap leaves room for
  std::size_t marks = 0;                 // combining marks in a row
  bool after_cr = false;                 // "\r\n" is one line break

  std::size_t pos = 0;
  while (pos < raw.size()) {
    char32_t cp = decode_utf8(raw, pos);
    if (after_cr && cp == '\n') {
      after_cr = false;
      continue;
    }
    after_cr = cp == '\r';
    const kind k = after_cr ? kind::newline : classify(cp);
    if (k == kind::drop) continue;  // also leaves the combining-mark run as it is
    if (k == kind::combining) {
      if (++marks > kMaxCombiningMarks) continue;
    } else {
      marks = 0;
    }

    const std::size_t newlines = std::min(pending_newlines, kMaxConsecutiveNewlines);
    if (k == kind::newline) {
      pending_spaces.clear();  // spaces at the end of a line
      spaces_overflow = false;
      if (count > 0) ++pending_newlines;
      continue;
    }
    if (k == kind::space) {
      if (count == 0) continue;  // leading
      // Past this point nothing visible fits on this line any more; only a line break could
      // still drop these spaces, so they need not be kept (bounds memory on hostile input).
      if (count + newlines + pending_spaces.size() + 1 >= max_code_points) {
        spaces_overflow = true;
      } else {
        pending_spaces.push_back(cp == '\t' ? U' ' : cp);
      }
      continue;
    }
    if (spaces_overflow || count + newlines + pending_spaces.size() + 1 > max_code_points) break;
    out.append(newlines, '\n');
    for (char32_t space : pending_spaces) append_utf8(out, space);
    append_utf8(out, cp);
    count += newlines + pending_spaces.size() + 1;
    pending_newlines = 0;
    pending_spaces.clear();
  }
  return out;
}

std::string sanitize_interest_tag(std::string_view raw) {
  const std::string clean = sanitize_chat_text(raw, raw.size());
  std::string out;
  out.reserve(clean.size());
  for (char c : clean) {
    if (c == '\n') c = ' ';  // also from U+2028 / U+2029, which the sanitiser makes breaks
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t pos = 0; pos < text.size(); ++n) decode_utf8(text, pos);
  return n;
}

}  // namespace novatalk::chat
