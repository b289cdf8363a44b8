// Shallow JSON objects and JSON string escaping (see json_text.hpp). The rules follow
// nlohmann::json 3.11's lexer and serializer exactly: the same whitespace, escapes, surrogate
// pairs and UTF-8 ranges (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF).
#include "core/protocol/json_text.hpp"

#include <cstdint>
#include <cstring>

#include "core/chat/utf8.hpp"

namespace novatalk::protocol::json_text {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Bytes copied as is by both the lexer and the escaper: printable ASCII but the quote and the
// backslash. A table, as the runs between an SDP's escapes are scanned byte by byte.
struct plain_table {
  bool plain[256] = {};
  constexpr plain_table() {
    for (int c = 0x20; c < 0x80; ++c) plain[c] = c != '"' && c != '\\';
  }
};
constexpr plain_table plain_bytes;

bool is_plain(unsigned char c) { return plain_bytes.plain[c]; }

// Length of the valid UTF-8 sequence starting at s[i] (whose lead byte is >= 0x80), or 0.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  std::size_t end = i;
  const char32_t cp = chat::decode_utf8(s, end);
  // Invalid bytes decode as U+FFFD too; only the real U+FFFD is three bytes EF BF BD.
  if (cp == chat::kReplacementChar && s.substr(i, 3) != "\xEF\xBF\xBD") return 0;
  return end - i;
}

// The two-character escapes, letter then byte, both ways (JSON's `\/` is read, never written).
constexpr char short_escapes[] = "\"\"\\\\b\bf\fn\nr\rt\t";

// The byte that the short escape `letter` stands for, or null.
const char* short_escape_byte(char letter) {
  for (const char* p = short_escapes; *p; p += 2)
    if (p[0] == letter) return p + 1;
  return nullptr;
}

// The letter of the short escape of `byte`, or null.
const char* short_escape_of(char byte) {
  for (const char* p = short_escapes; *p; p += 2)
    if (p[1] == byte) return p;
  return nullptr;
}

// The end of the plain bytes from s[i] on, eight at a time while it can (an SDP is long runs of
// them): a word goes whole when none of its bytes is below 0x20, at or above 0x80, `"` or `\`
// (the bit tricks have no false negatives; a false positive only hands over to the byte loop).
std::size_t plain_run(std::string_view s, std::size_t i) {
  constexpr std::uint64_t ones = 0x0101010101010101u;
  constexpr std::uint64_t highs = 0x8080808080808080u;
  const auto has_below = [](std::uint64_t w, std::uint64_t n) {
    return (w - ones * n) & ~w & highs;
  };
  while (s.size() - i >= 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    if ((w & highs) | has_below(w, 0x20) | has_below(w ^ (ones * '"'), 1) |
        has_below(w ^ (ones * '\\'), 1))
      break;
    i += 8;
  }
  while (i < s.size() && is_plain(static_cast<unsigned char>(s[i]))) ++i;
  return i;
}

// Copies from s[i] what both the lexer and the escaper take as is (printable ASCII but `"` and
// `\`, and valid UTF-8 sequences) and stops at the end or at a byte that needs handling: a
// quote, a backslash or a control character. False on invalid UTF-8.
bool copy_plain(std::string& out, std::string_view s, std::size_t& i) {
  while (i < s.size()) {
    const std::size_t run = plain_run(s, i);
    out.append(s.data() + i, run - i);
    i = run;
    if (i == s.size() || static_cast<unsigned char>(s[i]) < 0x80) return true;
    const std::size_t n = utf8_sequence(s, i);
    if (n == 0) return false;
    out.append(s.data() + i, n);
    i += n;
  }
  return true;
}

class reader {
 public:
  explicit reader(std::string_view text) : s_(text) {}

  std::optional<object> top() {
    object out;
    skip_space();
    if (!read_object(out, 0)) return std::nullopt;
    skip_space();
    if (i_ != s_.size()) return std::nullopt;
    return out;
  }

 private:
  // `{` ... `}` at `depth` (0: the message, 1: an object inside it, the deepest taken).
  bool read_object(object& out, int depth) {
    if (!eat('{')) return false;
    skip_space();
    if (eat('}')) return true;
    for (;;) {
      if (out.size() == max_members) return false;
      member m;
      skip_space();
      if (!string(m.key, false)) return false;
      skip_space();
      if (!eat(':')) return false;
      skip_space();
      if (!read_value(m.val, depth)) return false;
      for (const auto& other : out)
        if (other.key == m.key) return false;  // the full parser keeps the last one
      out.push_back(std::move(m));
      skip_space();
      if (eat('}')) return true;
      if (!eat(',')) return false;
    }
  }

  bool read_value(value& v, int depth) {
    if (i_ == s_.size()) return false;
    const char c = s_[i_];
    if (c == '"') {
      v.type = value::kind::string;
      return string(v.text, true);
    }
    if (c == '{') {
      v.type = value::kind::object;
      return depth == 0 && read_object(v.object, depth + 1);
    }
    if (s_.compare(i_, 4, "null") == 0) {
      i_ += 4;
      v.type = value::kind::null;
      return true;
    }
    v.type = value::kind::number;
    return unsigned_number(v.number);
  }

  // `0` or a digit 1-9 and at most 8 more; a sign, a fraction, an exponent or a longer number
  // (nlohmann's float or big-integer rules) is the full parser's.
  bool unsigned_number(std::uint64_t& n) {
    const std::size_t start = i_;
    n = 0;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') n = n * 10 + (s_[i_++] - '0');
    const std::size_t digits = i_ - start;
    if (digits == 0 || digits > 9 || (digits > 1 && s_[start] == '0')) return false;
    if (i_ < s_.size() && (s_[i_] == '.' || s_[i_] == 'e' || s_[i_] == 'E')) return false;
    return true;
  }

  void skip_space() {
    while (i_ < s_.size() && is_space(s_[i_])) ++i_;
  }

  bool eat(char c) {
    if (i_ >= s_.size() || s_[i_] != c) return false;
    ++i_;
    return true;
  }

  bool hex4(std::uint32_t& cp) {
    if (s_.size() - i_ < 4) return false;
    cp = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[i_++];
      cp <<= 4;
      if (c >= '0' && c <= '9') {
        cp |= static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        cp |= static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        cp |= static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
    }
    return true;
  }

  // After the backslash of a \u escape: one code point, a surrogate pair taken whole.
  bool unicode_escape(std::string& out) {
    std::uint32_t cp = 0;
    if (!hex4(cp)) return false;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      std::uint32_t low = 0;
      if (!eat('\\') || !eat('u') || !hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    chat::append_utf8(out, cp);
    return true;
  }

  // `reserve`: for values (an SDP), one allocation; decoded text is never longer than its JSON.
  bool string(std::string& out, bool reserve) {
    if (!eat('"')) return false;
    if (reserve) out.reserve(s_.size() - i_);
    while (i_ < s_.size()) {
      if (!copy_plain(out, s_, i_) || i_ == s_.size()) return false;
      const auto c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c < 0x20) return false;
      ++i_;  // the backslash
      if (i_ == s_.size()) return false;
      const char e = s_[i_++];
      if (e == 'u') {
        if (!unicode_escape(out)) return false;
      } else if (e == '/') {
        out += '/';
      } else if (const char* byte = short_escape_byte(e)) {
        out += *byte;
      } else {
        return false;
      }
    }
    return false;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

}  // namespace

std::optional<object> read_shallow(std::string_view text) { return reader(text).top(); }

const value* find(const object& o, std::string_view key) {
  for (const auto& m : o)
    if (m.key == key) return &m.val;
  return nullptr;
}

value* find(object& o, std::string_view key) {
  return const_cast<value*>(find(static_cast<const object&>(o), key));
}

bool append_string(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out.reserve(out.size() + s.size() + s.size() / 8 + 16);  // an SDP's \r\n escapes fit
  out += '"';
  std::size_t i = 0;
  while (i < s.size()) {
    if (!copy_plain(out, s, i)) return false;
    if (i == s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    ++i;
    out += '\\';
    if (const char* letter = short_escape_of(static_cast<char>(c))) {
      out += *letter;
    } else {  // the other control characters, as \u00xx in lower case
      out += "u00";
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
  out += '"';
  return true;
}

}  // namespace novatalk::protocol::json_text
