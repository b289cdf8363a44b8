// Cleans chat text before it is sent and again when it arrives: the stranger's text is
// untrusted, so the receiver never relies on the sender having done this.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace novatalk::chat {

// Longest chat message, in code points (characters), not bytes: 1000 characters of any script.
inline constexpr std::size_t kMaxChatCodePoints = 1000;
// At most this many line breaks in a row (one blank line); longer runs are cut to it.
inline constexpr std::size_t kMaxConsecutiveNewlines = 2;
// At most this many combining diacritical marks in a row (U+0300..U+036F, U+1AB0..U+1AFF,
// U+1DC0..U+1DFF, U+20D0..U+20FF, U+FE20..U+FE2F): enough for any language that uses them
// (Vietnamese stacks two), few enough that "Zalgo" text cannot paint over the chat.
inline constexpr std::size_t kMaxCombiningMarks = 4;

// Returns the text as it may be shown and sent; empty means there is nothing to send.
//  - Invalid UTF-8 (overlong forms, surrogates, > U+10FFFF, stray or missing continuation
//    bytes) becomes U+FFFD, one per maximal invalid subpart.
//  - Line breaks: "\r\n", "\r", U+2028 and U+2029 become "\n"; spaces before a line break are
//    dropped; more than kMaxConsecutiveNewlines in a row are cut to that many.
//  - Tab becomes a space. Other C0 controls, DEL and C1 controls (U+0080..U+009F) are dropped.
//  - Dropped as invisible troublemakers: bidi embeddings, overrides and isolates
//    (U+202A..U+202E, U+2066..U+2069: they reorder the text around them, "Trojan Source"),
//    U+200B zero width space, U+2060 word joiner, U+FEFF (BOM), U+2061..U+2064 invisible
//    operators, U+206A..U+206F deprecated format controls, U+FFF9..U+FFFB interlinear
//    annotations (they hide text), and noncharacters (U+FDD0..U+FDEF, U+xxFFFE, U+xxFFFF).
//  - Kept because real text needs them: U+200C ZWNJ (Persian, Indic scripts), U+200D ZWJ
//    (emoji sequences), U+200E/U+200F/U+061C directional marks (they reorder nothing beyond
//    themselves), variation selectors, emoji tag characters (subdivision flags).
//  - Whitespace at either end is trimmed: spaces, line breaks, Unicode spaces (U+00A0,
//    U+1680, U+2000..U+200A, U+202F, U+205F, U+3000) and the blank-looking fillers used to
//    send "empty" messages (U+115F, U+1160, U+3164, U+FFA0, U+2800). Inside, they stay.
//  - At most max_code_points code points; the cut never splits a code point and is trimmed.
// Idempotent: cleaning a cleaned text changes nothing.
std::string sanitize_chat_text(std::string_view raw,
                               std::size_t max_code_points = kMaxChatCodePoints);

// One interest tag as it is stored, sent and compared, from the same rules: sanitize_chat_text
// (never cut here: callers check the length after), then line breaks and runs of spaces made one
// space, then ASCII lowercased (other scripts are kept as typed: lowercasing them needs Unicode
// tables the core does not carry). Empty when nothing visible is left. Idempotent. The page's
// chips (core/interests) and the server's join decoder (protocol::normalize_interest) both use it.
std::string sanitize_interest_tag(std::string_view raw);

// Number of code points in text, counting each maximal invalid UTF-8 subpart as one (the
// U+FFFD it would become).
std::size_t utf8_length(std::string_view text);

}  // namespace novatalk::chat
