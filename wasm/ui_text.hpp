// The UI's words in the person's language: a key of the message catalogue (core/i18n) resolved
// at draw time, and the session's notices, media errors and chip errors as keys.
#pragma once

#include <string>
#include <string_view>

#include "core/i18n/catalogue.hpp"
#include "core/interests/interest_chips.hpp"
#include "core/session/session_states.hpp"

namespace novatalk::client {

using i18n::text_id;

void set_language(i18n::language l);  // once, before the UI draws
i18n::language current_language();

const char* tr(text_id id);                            // never null
std::string tr(text_id id, std::string_view value);  // with its "{}" filled

text_id notice_text(session::notice_id n);  // requires n != none
text_id media_error_text(const std::string& dom_error);  // "NotAllowedError", ...
text_id chip_error_text(interests::chip_error_code c);

}  // namespace novatalk::client
