// Strict UTF-8 decoding and encoding for untrusted text (chat, interest tags): every invalid
// sequence becomes one U+FFFD per maximal subpart, the way browsers' TextDecoder does it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace novatalk::chat {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point starting at text[pos] and advances pos past it (at least one byte).
// Overlong forms, surrogates (U+D800..U+DFFF), values above U+10FFFF, stray continuation bytes
// and truncated sequences all yield kReplacementChar. Requires pos < text.size().
char32_t decode_utf8(std::string_view text, std::size_t& pos);

// Appends the UTF-8 form of a valid scalar value (not a surrogate, at most U+10FFFF).
void append_utf8(std::string& out, char32_t cp);

// True when text is well-formed UTF-8 (what a JSON parser and the browser accept as is).
bool is_valid_utf8(std::string_view text);

// The same check over text that arrives in pieces (a WebSocket message in fragments): a piece may
// end inside a code point. feed() is false from the first invalid byte on (fail fast); a whole
// text is valid when every feed() was true and complete() is true at its end.
class utf8_checker {
 public:
  bool feed(std::string_view piece);
  bool complete() const { return needed_ == 0; }
  void reset() { *this = utf8_checker(); }

 private:
  unsigned char needed_ = 0;      // continuation bytes still to come
  unsigned char next_lo_ = 0x80;  // the range the next one must fall in
  unsigned char next_hi_ = 0xBF;
};

}  // namespace novatalk::chat
