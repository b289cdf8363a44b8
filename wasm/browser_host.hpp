// The browser's ui_host: localStorage, the live regions and hidden buttons, the hidden text
// input, the keys counted by js/ui_glue.js, and links opened in a new tab.
#pragma once

#include "wasm/live_region.hpp"
#include "wasm/text_input.hpp"
#include "wasm/ui_host.hpp"

namespace novatalk::client {

class browser_host final : public ui_host {
 public:
  static browser_host& page();  // the page has one: the JS glue it polls is a single object

  std::string load(const std::string& key) override;
  void save(const std::string& key, const std::string& value) override;
  void announce_status(const std::string& text) override { live_.status(text); }
  void announce_chat(const std::string& line) override { live_.chat(line); }
  void show_actions(const std::vector<page_action>& actions) override {
    live_.show_actions(actions);
  }
  void set_language(const std::string& code,
                    const std::vector<std::pair<page_action, std::string>>& labels) override {
    live_.set_language(code, labels);
  }
  void open_link(const std::string& url) override;
  key_presses take_keys() override;
  std::vector<page_action> take_actions() override;
  std::optional<text_edit> take_edit() override { return input_.take_edit(); }
  void sync_text_fields(const std::optional<active_text_field>& active,
                        const std::vector<text_field_spot>& fields) override {
    input_.sync(active, fields);
  }
  void publish_regions(const std::vector<named_box>& regions) override;

 private:
  live_region live_;
  text_input input_;
  std::vector<named_box> regions_;  // as last published
};

}  // namespace novatalk::client
