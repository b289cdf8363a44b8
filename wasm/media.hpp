// Camera and microphone through getUserMedia. Holds the one local stream; a request that
// resolves after release() (the person pressed Stop meanwhile) is stopped at once.
#pragma once

#include <functional>
#include <string>

#include <emscripten/val.h>

#include "core/session/session_states.hpp"

namespace novatalk::client {

class media {
 public:
  struct callbacks {
    std::function<void(bool has_audio, bool has_video)> on_granted;
    std::function<void(const std::string& reason)> on_denied;
  };

  explicit media(callbacks cb);
  ~media();
  media(const media&) = delete;
  media& operator=(const media&) = delete;

  void request();
  void release();
  void set_enabled(session::track_kind kind, bool enabled);
  // The local MediaStream, or null.
  const emscripten::val& stream() const { return stream_; }

  void handle_granted(unsigned request, const emscripten::val& stream);
  void handle_denied(unsigned request, const emscripten::val& error);

 private:
  static void stop_tracks(const emscripten::val& stream);

  callbacks cb_;
  emscripten::val stream_;
  unsigned request_ = 0;  // the request whose answer still counts
};

}  // namespace novatalk::client
