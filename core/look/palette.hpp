// NovaTalk's two colour schemes (dark, today's; light) and the partner's brand colour over them.
// Every colour the UI draws with has a role here, so a test can check each text colour against
// what it is drawn on (WCAG AA) in both schemes and with any accent.
#pragma once

#include <optional>
#include <string_view>

#include "core/look/colour.hpp"

namespace novatalk::look {

enum class scheme { dark, light };
std::optional<scheme> parse_scheme(std::string_view text);  // "dark", "light"; else nullopt
const char* to_string(scheme s);

struct palette {
  rgb background;      // the page
  rgb background_top;  // top of the landing's gradient (a glow of the brand colour)
  rgb surface;         // cards, the chat panel
  rgb surface_raised;  // fields, secondary buttons, the segmented toggle
  rgb surface_hover;
  rgb border;
  rgb text;
  rgb text_muted;
  rgb brand;         // primary buttons, the selected segment, the logo's dot, chips
  rgb brand_hover;
  rgb brand_active;
  rgb on_brand;      // text and icons on `brand` (and its hover/active shades)
  rgb brand_text;    // the brand colour as text or lines on the page: links, spinner, "You"
  rgb stranger_text; // "Stranger" over the transcript
  rgb spark;         // the logo's pink spark
  rgb bubble_me;
  rgb on_bubble_me;
  rgb bubble_stranger;
  rgb icon;          // icons on `surface_raised` buttons
  rgb good, weak, bad;  // status dots; also text (weak: notices, bad: errors)
  rgb danger, danger_hover, on_danger;
  rgb focus_ring;    // drawn at 90 % opacity
  // Videos sit on a dark well in both schemes, as in every video app; text drawn over them.
  rgb video_well;
  rgb on_video;
  rgb on_video_muted;
};

palette dark_palette();   // today's look, value for value
palette light_palette();  // the same roles for a light page

// `base` with the partner's brand colour: hover/active shades derived from it, black or white
// text on it by contrast ratio, and the brand as text darkened/lightened until it reads on the
// page (AA).
palette with_brand(palette base, scheme s, rgb brand);

palette make_palette(scheme s, std::optional<rgb> brand);

}  // namespace novatalk::look
