// Where things go on the screen, from the window's size alone (pure arithmetic, canvas pixels):
// a landscape layout (the stranger's video as the hero, chat beside it) or a portrait one for
// phones (the stranger on top, chat below), chosen by the window's shape.
#pragma once

namespace novatalk::client::layout {

struct box {
  float x = 0, y = 0, w = 0, h = 0;
  float right() const { return x + w; }
  float bottom() const { return y + h; }
  bool empty() const { return w <= 0 || h <= 0; }
};

// Portrait when the window is taller than wide, or too narrow for a chat beside the video.
constexpr float portrait_aspect = 1.0f;      // height / width above which we stack
constexpr float min_side_by_side_css = 640;  // narrower than this (CSS px): stack anyway
bool is_portrait(float width, float height, float scale);

struct frame_boxes {
  bool portrait = false;
  box top_bar;  // logo, online count
  box content;  // between the bars, inside the margins
  box footer;   // Privacy, Terms, Safety, FAQ, Blog
};
frame_boxes frame(float width, float height, float scale);

// The call screen. In text mode there is no video: the chat takes the whole content.
struct call_boxes {
  box hero;      // the stranger's video (empty in text mode)
  box pip;       // own video, inside the hero's corner (empty in text mode)
  box controls;  // Stop, mic, camera, Report, Next
  box chat;      // transcript and input
};
// `local_aspect`: width / height of our own camera (the picture-in-picture keeps it).
call_boxes call(const frame_boxes& f, float scale, bool text_mode, float local_aspect);

// The landing screen: a column of text and controls, and the self-view preview.
struct landing_boxes {
  box column;   // title, pitch, mode, interests, Start
  box preview;  // camera preview card (video mode); beside the column or above it
};
landing_boxes landing(const frame_boxes& f, float scale, bool text_mode);

}  // namespace novatalk::client::layout
