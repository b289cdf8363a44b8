// The canvas is invisible to screen readers, so the shell has an accessible mirror: a status
// live region (#nt-status, role=status) with the state in words, a log (#nt-chat, role=log) of
// incoming chat lines, and visually hidden real buttons (data-nt-action) shown when they apply.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "wasm/ui_host.hpp"

namespace novatalk::client {

class live_region {
 public:
  // At most this many chat lines stay in the log (older ones are removed).
  static constexpr std::size_t max_chat_lines = 50;

  void status(const std::string& text);
  void chat(const std::string& line);
  void show_actions(const std::vector<page_action>& actions);
  // <html lang> and the hidden buttons' text: screen readers speak them in that language.
  void set_language(const std::string& code,
                    const std::vector<std::pair<page_action, std::string>>& labels);
};

const char* to_string(page_action a);  // the data-nt-action value; "" for none
page_action page_action_from(const std::string& name);

}  // namespace novatalk::client
