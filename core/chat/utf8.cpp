// Strict UTF-8 per the Unicode Standard, table 3-7 (well-formed byte sequences), replacing each
// maximal subpart of an ill-formed sequence with U+FFFD ("substitution of maximal subparts").
#include "core/chat/utf8.hpp"

namespace novatalk::chat {
namespace {

// The range the second byte must fall in for a given lead byte; the third and fourth bytes are
// always 0x80..0xBF. This is what excludes overlongs (E0, F0), surrogates (ED) and > U+10FFFF (F4).
struct lead_info {
  int length;  // 0: not a lead byte
  unsigned char second_lo, second_hi;
};

lead_info classify_lead(unsigned char b) {
  if (b >= 0xC2 && b <= 0xDF) return {2, 0x80, 0xBF};
  if (b == 0xE0) return {3, 0xA0, 0xBF};
  if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) return {3, 0x80, 0xBF};
  if (b == 0xED) return {3, 0x80, 0x9F};
  if (b == 0xF0) return {4, 0x90, 0xBF};
  if (b >= 0xF1 && b <= 0xF3) return {4, 0x80, 0xBF};
  if (b == 0xF4) return {4, 0x80, 0x8F};
  return {0, 0, 0};  // 0x80..0xC1 (continuation or overlong lead), 0xF5..0xFF
}

}  // namespace

char32_t decode_utf8(std::string_view text, std::size_t& pos) {
  const auto b0 = static_cast<unsigned char>(text[pos++]);
  if (b0 < 0x80) return b0;
  const lead_info lead = classify_lead(b0);
  if (lead.length == 0) return kReplacementChar;
  char32_t cp = b0 & (0xFF >> (lead.length + 1));
  for (int i = 1; i < lead.length; ++i) {
    if (pos >= text.size()) return kReplacementChar;  // truncated: the subpart so far
    const auto b = static_cast<unsigned char>(text[pos]);
    const unsigned char lo = i == 1 ? lead.second_lo : 0x80;
    const unsigned char hi = i == 1 ? lead.second_hi : 0xBF;
    if (b < lo || b > hi) return kReplacementChar;  // b starts the next code point
    cp = (cp << 6) | (b & 0x3F);
    ++pos;
  }
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool is_valid_utf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = decode_utf8(text, pos);
    // U+FFFD is either in the input as written (EF BF BD) or stands for bad bytes.
    if (cp == kReplacementChar && text.substr(start, pos - start) != "\xEF\xBF\xBD") return false;
  }
  return true;
}

bool utf8_checker::feed(std::string_view piece) {
  for (const char c : piece) {
    const auto b = static_cast<unsigned char>(c);
    if (needed_ != 0) {
      if (b < next_lo_ || b > next_hi_) return false;
      --needed_;
      next_lo_ = 0x80;
      next_hi_ = 0xBF;
      continue;
    }
    if (b < 0x80) continue;
    const lead_info lead = classify_lead(b);
    if (lead.length == 0) return false;
    needed_ = static_cast<unsigned char>(lead.length - 1);
    next_lo_ = lead.second_lo;
    next_hi_ = lead.second_hi;
  }
  return true;
}

}  // namespace novatalk::chat
