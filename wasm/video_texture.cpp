// <video> -> WebGL texture. texImage2D takes the element directly (no copy through wasm memory);
// EM_JS reaches Emscripten's GL context and texture table.
#include "wasm/video_texture.hpp"

#include <GLES3/gl3.h>
#include <emscripten.h>
#include <emscripten/bind.h>

#include <map>

#include "wasm/js_util.hpp"

namespace novatalk::client {
namespace {

// The element travels as an emval handle (valid for the duration of the call).
EM_JS(void, nt_upload_video_frame, (unsigned texture, emscripten::EM_VAL video_handle), {
  var video = Emval.toValue(video_handle);
  GLctx.bindTexture(GLctx.TEXTURE_2D, GL.textures[texture]);
  GLctx.pixelStorei(GLctx.UNPACK_FLIP_Y_WEBGL, false);
  GLctx.texImage2D(GLctx.TEXTURE_2D, 0, GLctx.RGBA, GLctx.RGBA, GLctx.UNSIGNED_BYTE, video);
});

std::map<unsigned, video_texture*> by_id;  // play() rejections find their element here
unsigned next_id = 0;

void on_play_rejected(unsigned id, val) {
  auto it = by_id.find(id);
  if (it != by_id.end()) it->second->handle_play_rejected();
}

}  // namespace

EMSCRIPTEN_BINDINGS(novatalk_video_texture) {
  emscripten::function("ntVideoPlayRejected", &on_play_rejected);
}

video_texture::video_texture(bool muted)
    : video_(val::global("document").call<val>("createElement", std::string("video"))),
      stream_(val::null()),
      want_sound_(!muted) {
  const unsigned id = ++next_id;
  by_id[id] = this;
  video_.set("ntId", id);
  video_.set("muted", muted);
  video_.set("autoplay", true);
  video_.set("playsInline", true);
  // In the document but invisible: some browsers skip decoding detached or display:none video.
  val style = video_["style"];
  style.set("position", std::string("fixed"));
  style.set("left", std::string("0"));
  style.set("top", std::string("0"));
  style.set("width", std::string("2px"));
  style.set("height", std::string("2px"));
  style.set("opacity", std::string("0.01"));
  style.set("pointerEvents", std::string("none"));
  val::global("document")["body"].call<void>("appendChild", video_);
  frame_callback_ = val::module_property("ntWatchFrames")(video_).as<bool>();

  glGenTextures(1, &texture_);
  glBindTexture(GL_TEXTURE_2D, texture_);
  // No mipmaps: the default minification filter would leave the texture incomplete (black).
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

video_texture::~video_texture() {
  for (auto it = by_id.begin(); it != by_id.end(); ++it) {
    if (it->second == this) {
      by_id.erase(it);
      break;
    }
  }
  set_stream(val::null());
  video_.call<void>("remove");
  glDeleteTextures(1, &texture_);
}

void video_texture::set_stream(const val& stream) {
  if (stream.strictlyEquals(stream_)) return;
  stream_ = stream;
  video_.set("srcObject", stream);
  width_ = height_ = 0;
  uploaded_ = 0;
  last_time_ = -1;
  if (!stream.isNull()) play();
}

void video_texture::play() {
  js_result r = try_call(video_, "play");
  if (r.ok && !r.value.isUndefined()) {
    r.value.call<void>("then", val::undefined(),
                       bound("ntVideoPlayRejected", video_["ntId"].as<unsigned>()));
  }
}

void video_texture::handle_play_rejected() {
  if (stream_.isNull() || video_["muted"].as<bool>()) return;
  // Autoplay with sound refused: play muted so the picture shows; sound waits for a click.
  sound_blocked_ = true;
  video_.set("muted", true);
  play();
}

void video_texture::unmute() {
  if (!sound_blocked_ || !want_sound_) return;
  sound_blocked_ = false;
  video_.set("muted", false);
  play();
}

bool video_texture::update() {
  if (stream_.isNull()) return false;
  // HAVE_CURRENT_DATA or better, and a known size.
  if (video_["readyState"].as<int>() < 2) return false;
  const int w = video_["videoWidth"].as<int>();
  const int h = video_["videoHeight"].as<int>();
  if (w <= 0 || h <= 0) return false;
  bool fresh;
  if (frame_callback_) {
    const double frames = video_["ntFrames"].as<double>();
    fresh = frames != last_frames_;
    last_frames_ = frames;
    // A browser that never calls back for this element (about 2 s of playing, no frame
    // counted): fall back to watching currentTime rather than freezing the picture.
    if (frames == 0 && ++frames_missing_ > 120) frame_callback_ = false;
  } else {
    const double t = video_["currentTime"].as<double>();
    fresh = t != last_time_;
    last_time_ = t;
  }
  // The first frame is uploaded even before a callback: a paused stream still shows something.
  if (!fresh && uploaded_ > 0 && w == width_ && h == height_) return false;
  nt_upload_video_frame(texture_, video_.as_handle());
  width_ = w;
  height_ = h;
  ++uploaded_;
  return true;
}

}  // namespace novatalk::client
