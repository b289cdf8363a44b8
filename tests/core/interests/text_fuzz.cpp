// Fuzz target for the one sanitiser of stranger text (core/chat/chat_text) as chat and as interest
// tags: what comes out is valid UTF-8 without controls, bidi overrides or invisible characters,
// within its cap, and stable on a second pass; the page's chips and the server's join decoder agree
// on every tag. Any bytes in; docs/fuzzing.md.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/chat/chat_text.hpp"
#include "core/chat/utf8.hpp"
#include "core/interests/interest_chips.hpp"
#include "core/protocol/codec.hpp"

namespace {

namespace c = novatalk::chat;

[[noreturn]] void violated(const char* what) {
  std::fprintf(stderr, "text_fuzz: %s\n", what);
  std::abort();
}

// Nothing that reorders, hides or controls may survive, in chat or in a tag.
void check_clean(std::string_view text, bool newlines_allowed) {
  if (!c::is_valid_utf8(text)) violated("invalid UTF-8 out");
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = c::decode_utf8(text, pos);
    if (cp == '\n' && newlines_allowed) continue;
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) violated("control character out");
    if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) violated("bidi out");
    if (cp == 0x200b || cp == 0xfeff || (cp >= 0x2060 && cp <= 0x2064)) violated("invisible out");
    if (cp == 0x2028 || cp == 0x2029) violated("unicode line break out");
    if ((cp & 0xfffe) == 0xfffe || (cp >= 0xfdd0 && cp <= 0xfdef)) violated("noncharacter out");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const std::string chat = c::sanitize_chat_text(input);
  check_clean(chat, /*newlines_allowed=*/true);
  if (c::utf8_length(chat) > c::kMaxChatCodePoints) violated("chat over its cap");
  if (c::sanitize_chat_text(chat) != chat) violated("chat not idempotent");

  const std::string tag = c::sanitize_interest_tag(input);
  check_clean(tag, /*newlines_allowed=*/false);
  if (!tag.empty() &&
      (tag.find("  ") != std::string::npos || tag.front() == ' ' || tag.back() == ' ')) {
    violated("tag with a run of spaces or untrimmed");
  }
  for (char ch : tag) {
    if (ch >= 'A' && ch <= 'Z') violated("tag not lowercased");
  }
  if (c::sanitize_interest_tag(tag) != tag) violated("tag not idempotent");

  // The server's view of the same tag: acceptable ones come out in the one clean form.
  const std::string normal = novatalk::protocol::normalize_interest(input);
  if (!normal.empty()) {
    if (normal != c::sanitize_interest_tag(normal)) violated("server tag not in the clean form");
    if (novatalk::protocol::normalize_interest(normal) != normal) violated("server tag unstable");
  }

  // Every chip the page makes, from a paste or from storage, is one a join accepts as is.
  const auto chips = novatalk::interests::interest_chips::parse(input);
  for (const std::string& t : chips.tags()) {
    if (novatalk::protocol::normalize_interest(t) != t) violated("chip the server would change");
  }
  return 0;
}
