// The page API's two-way gate: to which window events may be posted (only the parent's exact
// origin, when allowed) and which incoming commands run. Until config.json's allowedParents is
// known, both are held, so nothing is lost and nothing leaks before the rules are known.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/embed/origin_rules.hpp"

namespace novatalk::embed {

// Held while config.json loads; beyond these the newest are dropped (a page that floods us
// before we have even started gets nothing more for it).
inline constexpr std::size_t max_held_commands = 32;
inline constexpr std::size_t max_held_events = 128;

struct page_context {
  std::string own_origin;     // location.origin ("null" when opaque)
  bool framed = false;        // window.parent !== window
  std::string parent_origin;  // location.ancestorOrigins[0], else the referrer's; "" unknown
};

struct incoming_command {
  std::string origin;  // MessageEvent.origin
  // MessageEvent.source is window.parent (framed page) or the window itself (top-level page).
  bool from_expected_window = false;
  std::string json;  // the command object as JSON text
};

enum class event_target {
  none,    // framed by a parent that is not allowed (or unknown): events go nowhere
  self,    // a top-level page posts to itself (targetOrigin "/")
  parent,  // window.parent, targetOrigin = parent_origin()
};

class page_channel {
 public:
  explicit page_channel(page_context ctx);

  struct released {
    std::vector<std::string> commands;  // held commands that pass, in arrival order
    std::vector<std::string> events;    // held events, to post to the target (none: dropped)
    std::vector<std::string> notices;   // console lines: refused allowedParents, no parent
  };
  // config.json arrived (or failed: pass no entries). Only the first call counts.
  released configure(const std::vector<std::string>& allowed_parents);
  bool configured() const { return configured_; }

  // The command to run now, or nothing (held until configured, or refused silently).
  std::optional<std::string> receive(incoming_command c);
  // The event to post now, or nothing (held until configured, or no allowed target).
  std::optional<std::string> send(std::string event_json);

  event_target target() const { return target_; }
  const std::string& parent_origin() const { return parent_; }  // normalised; for `parent`

 private:
  bool accepts(const incoming_command& c) const;

  page_context ctx_;
  origin_allowlist allowlist_;
  bool configured_ = false;
  event_target target_ = event_target::none;
  std::string parent_;
  std::vector<incoming_command> held_commands_;
  std::vector<std::string> held_events_;
};

}  // namespace novatalk::embed
