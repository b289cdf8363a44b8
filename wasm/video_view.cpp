// <video> beneath the canvas: created and placed by js/glue.js (Module.ntVideo, ntPlaceVideo);
// play() and its autoplay fallback, and the picture's readiness and size for the UI.
#include "wasm/video_view.hpp"

#include <emscripten/bind.h>

#include <map>

#include "wasm/js_util.hpp"

namespace novatalk::client {
namespace {

std::map<unsigned, video_view*> by_id;  // play() rejections find their element here
unsigned next_id = 0;

void on_play_rejected(unsigned id, val) {
  auto it = by_id.find(id);
  if (it != by_id.end()) it->second->handle_play_rejected();
}

bool same(const video_place& a, const video_place& b) {
  return a.shown == b.shown && a.mirror == b.mirror && a.box.x == b.box.x && a.box.y == b.box.y &&
         a.box.width == b.box.width && a.box.height == b.box.height;
}

}  // namespace

EMSCRIPTEN_BINDINGS(novatalk_video_view) {
  emscripten::function("ntVideoPlayRejected", &on_play_rejected);
}

video_view::video_view(bool muted)
    : video_(val::module_property("ntVideo")(muted)), stream_(val::null()), want_sound_(!muted) {
  const unsigned id = ++next_id;
  by_id[id] = this;
  video_.set("ntId", id);
}

video_view::~video_view() {
  for (auto it = by_id.begin(); it != by_id.end(); ++it) {
    if (it->second == this) {
      by_id.erase(it);
      break;
    }
  }
  set_stream(val::null());
  video_.call<void>("remove");
}

void video_view::set_stream(const val& stream) {
  if (stream.strictlyEquals(stream_)) return;
  stream_ = stream;
  video_.set("srcObject", stream);
  if (!stream.isNull()) play();
}

void video_view::play() {
  js_result r = try_call(video_, "play");
  if (r.ok && !r.value.isUndefined()) {
    r.value.call<void>("then", val::undefined(),
                       bound("ntVideoPlayRejected", video_["ntId"].as<unsigned>()));
  }
}

void video_view::handle_play_rejected() {
  if (stream_.isNull() || video_["muted"].as<bool>()) return;
  // Autoplay with sound refused: play muted so the picture shows; sound waits for a click.
  sound_blocked_ = true;
  video_.set("muted", true);
  play();
}

void video_view::unmute() {
  if (!sound_blocked_ || !want_sound_) return;
  sound_blocked_ = false;
  video_.set("muted", false);
  play();
}

bool video_view::poll() {
  video_frame now;
  // HAVE_CURRENT_DATA or better (a frame to show), and a known size.
  if (!stream_.isNull() && video_["readyState"].as<int>() >= 2) {
    now.width = video_["videoWidth"].as<int>();
    now.height = video_["videoHeight"].as<int>();
    now.ready = now.width > 0 && now.height > 0;
  }
  const bool changed =
      now.ready != frame_.ready || now.width != frame_.width || now.height != frame_.height;
  frame_ = now;
  return changed;
}

void video_view::place(const video_place& p) {
  if (same(p, placed_)) return;
  placed_ = p;
  val::module_property("ntPlaceVideo")(video_, p.shown, p.box.x, p.box.y, p.box.width, p.box.height,
                                       p.mirror);
}

}  // namespace novatalk::client
