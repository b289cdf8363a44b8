// Module.ntFrameStats(): the main loop's counters as a plain object, for the client benchmark.
#include "wasm/frame_stats.hpp"

#include <emscripten/bind.h>
#include <emscripten/val.h>

namespace novatalk::client {

frame_stats& frame_counters() {
  static frame_stats stats;
  return stats;
}

namespace {

emscripten::val stats_object() {
  const frame_stats& s = frame_counters();
  emscripten::val o = emscripten::val::object();
  o.set("loops", static_cast<double>(s.loops));
  o.set("drawn", static_cast<double>(s.drawn));
  o.set("submitted", static_cast<double>(s.submitted));
  o.set("draw_ms", s.draw_ms);
  o.set("max_ms", s.max_ms);
  return o;
}

}  // namespace

EMSCRIPTEN_BINDINGS(novatalk_frame_stats) { emscripten::function("ntFrameStats", &stats_object); }

}  // namespace novatalk::client
