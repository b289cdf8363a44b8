// Counters of the main loop for tools/bench/client.mjs (Module.ntFrameStats()): how many frames
// were drawn and the wasm time they took. Two clock reads a frame; nothing else uses them.
#pragma once

namespace novatalk::client {

struct frame_stats {
  unsigned long long loops = 0;  // main-loop calls (animation frames)
  unsigned long long drawn = 0;  // of which drew the UI
  unsigned long long submitted = 0;  // of which differed from the frame shown: sent to WebGL
  double draw_ms = 0;            // wasm time of the drawn frames, summed
  double max_ms = 0;             // the slowest drawn frame
};

// The one instance main.cpp updates and Module.ntFrameStats() reads.
frame_stats& frame_counters();

}  // namespace novatalk::client
