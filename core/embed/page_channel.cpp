// The page API's gate (see page_channel.hpp): origin rules applied to both directions.
#include "core/embed/page_channel.hpp"

#include <utility>

namespace novatalk::embed {

page_channel::page_channel(page_context ctx) : ctx_(std::move(ctx)) {}

page_channel::released page_channel::configure(const std::vector<std::string>& allowed_parents) {
  released out;
  if (configured_) return out;
  configured_ = true;
  allowlist_ = origin_allowlist(ctx_.own_origin, allowed_parents);
  for (const auto& p : allowlist_.problems()) {
    out.notices.push_back("NovaTalk: config.json " + p + " (entry ignored)");
  }

  if (!ctx_.framed) {
    target_ = event_target::self;
  } else if (ctx_.parent_origin.empty()) {
    out.notices.push_back(
        "NovaTalk: no events are posted to the embedding page: the browser tells neither its "
        "origin (location.ancestorOrigins) nor a referrer");
  } else if (allowlist_.allows(ctx_.parent_origin)) {
    target_ = event_target::parent;
    parent_ = normalize_origin(ctx_.parent_origin).value();
  } else {
    // The parent's origin (a site, not a person) is what its owner needs to add to the list.
    auto shown = normalize_origin(ctx_.parent_origin);
    out.notices.push_back("NovaTalk: no events are posted to the embedding page: its origin " +
                          (shown ? shown.value() : std::string("(opaque)")) +
                          " is not in config.json allowedParents");
  }

  for (auto& c : held_commands_) {
    if (accepts(c)) out.commands.push_back(std::move(c.json));
  }
  held_commands_.clear();
  if (target_ != event_target::none) out.events = std::move(held_events_);
  held_events_.clear();
  return out;
}

bool page_channel::accepts(const incoming_command& c) const {
  return c.from_expected_window && allowlist_.allows(c.origin);
}

std::optional<std::string> page_channel::receive(incoming_command c) {
  if (!configured_) {
    if (held_commands_.size() < max_held_commands) held_commands_.push_back(std::move(c));
    return std::nullopt;
  }
  if (!accepts(c)) return std::nullopt;
  return std::move(c.json);
}

std::optional<std::string> page_channel::send(std::string event_json) {
  if (!configured_) {
    if (held_events_.size() < max_held_events) held_events_.push_back(std::move(event_json));
    return std::nullopt;
  }
  if (target_ == event_target::none) return std::nullopt;
  return event_json;
}

}  // namespace novatalk::embed
