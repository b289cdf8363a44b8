// The camera and microphone pickers (the devices the browser lists), on the landing screen and
// in the call screen's menu behind our own video; picking one sends ui_select_device (during a
// call the session replaces the track without renegotiating).
#pragma once

#include "wasm/ui_context.hpp"

namespace novatalk::client {

// Two combos side by side in `width` (canvas px), at the cursor.
void draw_device_pickers(frame_ctx& c, float width);

}  // namespace novatalk::client
