// getUserMedia adapter: the promise settles into exported C++ functions bound to the request.
#include "wasm/media.hpp"

#include <emscripten/bind.h>

#include "wasm/js_util.hpp"

namespace novatalk::client {
namespace {

media* instance = nullptr;

void on_granted(unsigned request, val stream) {
  if (instance) instance->handle_granted(request, stream);
}
void on_denied(unsigned request, val error) {
  if (instance) instance->handle_denied(request, error);
}

bool has_track(const val& stream, const char* getter) {
  return stream[getter].isUndefined() ? false : stream.call<val>(getter)["length"].as<int>() > 0;
}

}  // namespace

EMSCRIPTEN_BINDINGS(novatalk_media) {
  emscripten::function("ntMediaGranted", &on_granted);
  emscripten::function("ntMediaDenied", &on_denied);
}

media::media(callbacks cb) : cb_(std::move(cb)), stream_(val::null()) { instance = this; }

media::~media() {
  release();
  if (instance == this) instance = nullptr;
}

void media::request() {
  const unsigned id = ++request_;
  val devices = val::global("navigator")["mediaDevices"];
  // Absent outside secure contexts (plain http on anything but localhost).
  if (devices.isUndefined() || devices["getUserMedia"].isUndefined()) {
    if (cb_.on_denied) cb_.on_denied("NotSupportedError");
    return;
  }
  val constraints = val::object();
  val video = val::object();
  val ideal_w = val::object();
  ideal_w.set("ideal", 640);
  val ideal_h = val::object();
  ideal_h.set("ideal", 480);
  video.set("width", ideal_w);
  video.set("height", ideal_h);
  constraints.set("video", video);
  constraints.set("audio", true);
  js_result r = try_call(devices, "getUserMedia", constraints);
  if (!r.ok) {
    if (cb_.on_denied) cb_.on_denied("NotSupportedError");
    return;
  }
  r.value.call<void>("then", bound("ntMediaGranted", id), bound("ntMediaDenied", id));
}

void media::release() {
  ++request_;  // answers still in flight are stale now
  if (!stream_.isNull()) stop_tracks(stream_);
  stream_ = val::null();
}

void media::set_enabled(session::track_kind kind, bool enabled) {
  if (stream_.isNull()) return;
  val tracks = stream_.call<val>(kind == session::track_kind::audio ? "getAudioTracks"
                                                                     : "getVideoTracks");
  const int n = tracks["length"].as<int>();
  for (int i = 0; i < n; ++i) tracks[i].set("enabled", enabled);
}

void media::handle_granted(unsigned request, const val& stream) {
  if (request != request_) {
    stop_tracks(stream);  // nobody wants it any more: camera light off
    return;
  }
  stream_ = stream;
  if (cb_.on_granted) {
    cb_.on_granted(has_track(stream, "getAudioTracks"), has_track(stream, "getVideoTracks"));
  }
}

void media::handle_denied(unsigned request, const val& error) {
  if (request != request_) return;
  if (cb_.on_denied) cb_.on_denied(string_or(error, "name", "NotAllowedError"));
}

void media::stop_tracks(const val& stream) {
  val tracks = stream.call<val>("getTracks");
  const int n = tracks["length"].as<int>();
  for (int i = 0; i < n; ++i) tracks[i].call<void>("stop");
}

}  // namespace novatalk::client
