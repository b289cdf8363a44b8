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

void on_devices(val list) {
  if (instance) instance->handle_devices(list);
}
void on_devices_failed(val) {
  if (instance) instance->handle_devices(val::array());
}
void on_device_change(val) {
  if (instance) instance->list_devices();
}
void on_switched(unsigned request, int kind, val stream) {
  if (instance) instance->handle_switched(request, kind, stream);
}
void on_switch_failed(unsigned request, int kind, val error) {
  if (instance) instance->handle_switch_failed(request, kind, error);
}

constexpr int kAudio = 0;
constexpr int kVideo = 1;

// What we ask of a camera: the stranger's view is small, 640x480 is plenty and cheap.
val video_constraints(const std::string& device_id) {
  val video = val::object();
  val ideal_w = val::object();
  ideal_w.set("ideal", 640);
  val ideal_h = val::object();
  ideal_h.set("ideal", 480);
  video.set("width", ideal_w);
  video.set("height", ideal_h);
  if (!device_id.empty()) {
    val exact = val::object();
    exact.set("exact", device_id);
    video.set("deviceId", exact);
  }
  return video;
}

val audio_constraints(const std::string& device_id) {
  if (device_id.empty()) return val(true);
  val audio = val::object();
  val exact = val::object();
  exact.set("exact", device_id);
  audio.set("deviceId", exact);
  return audio;
}

val media_devices() {
  val devices = val::global("navigator")["mediaDevices"];
  // Absent outside secure contexts (plain http on anything but localhost).
  if (devices.isUndefined() || devices["getUserMedia"].isUndefined()) return val::undefined();
  return devices;
}

// The frame's permissions policy forbids the camera or microphone: a cross-origin iframe without
// allow="camera; microphone". document.permissionsPolicy is the new name of featurePolicy.
bool blocked_by_policy() {
  val doc = val::global("document");
  val policy = doc["permissionsPolicy"];
  if (policy.isUndefined() || policy.isNull()) policy = doc["featurePolicy"];
  if (policy.isUndefined() || policy.isNull()) return false;
  for (const char* feature : {"camera", "microphone"}) {
    js_result r = try_call(policy, "allowsFeature", std::string(feature));
    if (r.ok && r.value.isFalse()) return true;
  }
  return false;
}

bool has_track(const val& stream, const char* getter) {
  return stream[getter].isUndefined() ? false : stream.call<val>(getter)["length"].as<int>() > 0;
}

}  // namespace

EMSCRIPTEN_BINDINGS(novatalk_media) {
  emscripten::function("ntMediaGranted", &on_granted);
  emscripten::function("ntMediaDenied", &on_denied);
  emscripten::function("ntMediaDevices", &on_devices);
  emscripten::function("ntMediaDevicesFailed", &on_devices_failed);
  emscripten::function("ntMediaDeviceChange", &on_device_change);
  emscripten::function("ntMediaSwitched", &on_switched);
  emscripten::function("ntMediaSwitchFailed", &on_switch_failed);
}

media::media(callbacks cb)
    : cb_(std::move(cb)), stream_(val::null()), device_listener_(val::null()) {
  instance = this;
  val devices = media_devices();
  if (!devices.isUndefined()) {
    device_listener_ = val::module_property("ntMediaDeviceChange");
    devices.call<void>("addEventListener", std::string("devicechange"), device_listener_);
  }
}

media::~media() {
  release();
  val devices = media_devices();
  if (!devices.isUndefined() && !device_listener_.isNull()) {
    devices.call<void>("removeEventListener", std::string("devicechange"), device_listener_);
  }
  if (instance == this) instance = nullptr;
}

void media::request(const std::string& camera_id, const std::string& microphone_id) {
  const unsigned id = ++request_;
  val devices = media_devices();
  if (devices.isUndefined()) {
    if (cb_.on_denied) cb_.on_denied("NotSupportedError", false);
    return;
  }
  val constraints = val::object();
  constraints.set("video", video_constraints(camera_id));
  constraints.set("audio", audio_constraints(microphone_id));
  js_result r = try_call(devices, "getUserMedia", constraints);
  if (!r.ok) {
    if (cb_.on_denied) cb_.on_denied("NotSupportedError", false);
    return;
  }
  r.value.call<void>("then", bound("ntMediaGranted", id), bound("ntMediaDenied", id));
}

void media::list_devices() {
  val devices = media_devices();
  if (devices.isUndefined() || devices["enumerateDevices"].isUndefined()) return;
  js_result r = try_call(devices, "enumerateDevices");
  if (!r.ok) return;
  r.value.call<void>("then", val::module_property("ntMediaDevices"),
                     val::module_property("ntMediaDevicesFailed"));
}

void media::handle_devices(const val& list) {
  std::vector<session::media_device> cameras;
  std::vector<session::media_device> microphones;
  const int n = list.isArray() ? list["length"].as<int>() : 0;
  for (int i = 0; i < n; ++i) {
    val d = list[i];
    const std::string kind = string_or(d, "kind");
    session::media_device dev{string_or(d, "deviceId"), string_or(d, "label")};
    // Before any permission the ids are empty: nothing to choose from yet.
    if (dev.id.empty()) continue;
    if (kind == "videoinput") cameras.push_back(std::move(dev));
    if (kind == "audioinput") microphones.push_back(std::move(dev));
  }
  if (cb_.on_devices) cb_.on_devices(std::move(cameras), std::move(microphones));
}

void media::switch_device(session::track_kind kind, const std::string& device_id) {
  const unsigned id = ++switch_request_;
  switch_device_id_ = device_id;
  const int k = kind == session::track_kind::audio ? kAudio : kVideo;
  val devices = media_devices();
  if (devices.isUndefined() || stream_.isNull()) {
    handle_switch_failed(id, k, val::undefined());
    return;
  }
  val constraints = val::object();
  if (kind == session::track_kind::video) {
    constraints.set("video", video_constraints(device_id));
  } else {
    constraints.set("audio", audio_constraints(device_id));
  }
  js_result r = try_call(devices, "getUserMedia", constraints);
  if (!r.ok) {
    handle_switch_failed(id, k, val::undefined());
    return;
  }
  r.value.call<void>("then", bound("ntMediaSwitched", id, k), bound("ntMediaSwitchFailed", id, k));
}

void media::handle_switched(unsigned request, int kind, const val& stream) {
  const bool video = kind == kVideo;
  if (request != switch_request_ || stream_.isNull()) {
    stop_tracks(stream);
    return;
  }
  val fresh = stream.call<val>(video ? "getVideoTracks" : "getAudioTracks");
  if (fresh["length"].as<int>() == 0) {
    stop_tracks(stream);
    handle_switch_failed(request, kind, val::undefined());
    return;
  }
  val track = fresh[0];
  // The old track leaves the local stream. It keeps running until the sender has the new one:
  // stopping it first leaves the sender's encoder without a source, and Chromium then may not
  // send the new track's frames.
  val old_tracks = stream_.call<val>(video ? "getVideoTracks" : "getAudioTracks");
  val old = old_tracks["length"].as<int>() > 0 ? old_tracks[0] : val::null();
  const int n = old_tracks["length"].as<int>();
  for (int i = 0; i < n; ++i) stream_.call<void>("removeTrack", old_tracks[i]);
  for (int i = 1; i < n; ++i) old_tracks[i].call<void>("stop");
  stream_.call<void>("addTrack", track);
  if (cb_.on_switched) {
    cb_.on_switched(video ? session::track_kind::video : session::track_kind::audio,
                    switch_device_id_, true, {}, track, old);
  } else if (!old.isNull()) {
    old.call<void>("stop");
  }
}

void media::handle_switch_failed(unsigned request, int kind, const val& error) {
  if (request != switch_request_) return;
  if (cb_.on_switched) {
    cb_.on_switched(kind == kVideo ? session::track_kind::video : session::track_kind::audio,
                    switch_device_id_, false, string_or(error, "name", "NotReadableError"),
                    val::null(), val::null());
  }
}

void media::release() {
  ++request_;  // answers still in flight are stale now
  ++switch_request_;
  if (!stream_.isNull()) stop_tracks(stream_);
  stream_ = val::null();
}

void media::set_enabled(session::track_kind kind, bool enabled) {
  if (stream_.isNull()) return;
  val tracks =
      stream_.call<val>(kind == session::track_kind::audio ? "getAudioTracks" : "getVideoTracks");
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
  if (cb_.on_denied)
    cb_.on_denied(string_or(error, "name", "NotAllowedError"), blocked_by_policy());
}

void media::stop_tracks(const val& stream) {
  val tracks = stream.call<val>("getTracks");
  const int n = tracks["length"].as<int>();
  for (int i = 0; i < n; ++i) tracks[i].call<void>("stop");
}

}  // namespace novatalk::client
