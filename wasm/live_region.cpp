// textContent only, never innerHTML: chat lines are the stranger's text.
#include "wasm/live_region.hpp"

#include <emscripten/val.h>

namespace novatalk::client {
namespace {

using emscripten::val;

val element(const char* id) {
  return val::global("document").call<val>("getElementById", std::string(id));
}

constexpr page_action all_actions[] = {page_action::accept_gate, page_action::start,
                                       page_action::next,        page_action::stop,
                                       page_action::toggle_mic,  page_action::toggle_camera};

}  // namespace

const char* to_string(page_action a) {
  switch (a) {
    case page_action::accept_gate:
      return "accept_gate";
    case page_action::start:
      return "start";
    case page_action::next:
      return "next";
    case page_action::stop:
      return "stop";
    case page_action::toggle_mic:
      return "toggle_mic";
    case page_action::toggle_camera:
      return "toggle_camera";
    default:
      return "";
  }
}

page_action page_action_from(const std::string& name) {
  for (page_action a : all_actions) {
    if (name == to_string(a)) return a;
  }
  return page_action::none;
}

void live_region::status(const std::string& text) {
  val el = element("nt-status");
  if (!el.isNull()) el.set("textContent", text);
}

void live_region::chat(const std::string& line) {
  val log = element("nt-chat");
  if (log.isNull()) return;
  val p = val::global("document").call<val>("createElement", std::string("p"));
  p.set("textContent", line);
  log.call<void>("appendChild", p);
  while (log["childElementCount"].as<std::size_t>() > max_chat_lines) {
    log.call<void>("removeChild", log["firstElementChild"]);
  }
}

void live_region::set_language(const std::string& code,
                               const std::vector<std::pair<page_action, std::string>>& labels) {
  val::global("document")["documentElement"].set("lang", code);
  for (const auto& [action, label] : labels) {
    val b = val::global("document")
                .call<val>("querySelector",
                           std::string("[data-nt-action=\"") + to_string(action) + "\"]");
    if (!b.isNull()) b.set("textContent", label);
  }
}

void live_region::show_actions(const std::vector<page_action>& actions) {
  for (page_action a : all_actions) {
    val b =
        val::global("document")
            .call<val>("querySelector", std::string("[data-nt-action=\"") + to_string(a) + "\"]");
    if (b.isNull()) continue;
    bool shown = false;
    for (page_action x : actions) shown |= x == a;
    b.set("hidden", !shown);
  }
}

}  // namespace novatalk::client
