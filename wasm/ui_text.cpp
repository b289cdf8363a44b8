// The language of this page and the keys of what the core reports by code.
#include "wasm/ui_text.hpp"

namespace novatalk::client {
namespace {

i18n::language lang = i18n::language::en;

}  // namespace

void set_language(i18n::language l) { lang = l; }
i18n::language current_language() { return lang; }

const char* tr(text_id id) { return i18n::text(lang, id); }
std::string tr(text_id id, std::string_view value) { return i18n::fill(tr(id), value); }

text_id notice_text(session::notice_id n) {
  switch (n) {
    case session::notice_id::camera_failed:
      return text_id::notice_camera_failed;
    case session::notice_id::microphone_failed:
      return text_id::notice_mic_failed;
    case session::notice_id::relay_missing:
      return text_id::notice_relay_missing;
    case session::notice_id::relay_refused:
      return text_id::notice_relay_refused;
    case session::notice_id::relay_retry:
      return text_id::notice_relay_retry;
    case session::notice_id::stranger_lost:
      return text_id::notice_stranger_lost;
    case session::notice_id::stranger_unreachable:
      return text_id::notice_stranger_unreachable;
    case session::notice_id::reported:
      return text_id::notice_reported;
    case session::notice_id::none:
      break;
  }
  return text_id::count;  // tr() of it is ""
}

text_id media_error_text(const std::string& error) {
  if (error == "NotAllowedError") return text_id::media_denied;
  if (error == "NotFoundError") return text_id::media_not_found;
  if (error == "NotReadableError") return text_id::media_in_use;
  if (error == "NotSupportedError") return text_id::media_needs_https;
  return text_id::media_other;
}

text_id chip_error_text(interests::chip_error_code c) {
  switch (c) {
    case interests::chip_error_code::empty:
      return text_id::chip_empty;
    case interests::chip_error_code::too_long:
      return text_id::chip_too_long;
    case interests::chip_error_code::duplicate:
      return text_id::chip_duplicate;
    case interests::chip_error_code::too_many:
      return text_id::chip_too_many;
    case interests::chip_error_code::invalid:
      return text_id::chip_invalid;
  }
  return text_id::chip_invalid;
}

}  // namespace novatalk::client
