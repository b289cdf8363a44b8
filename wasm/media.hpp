// Camera and microphone through getUserMedia. Holds the one local stream; a request that
// resolves after release() (the person pressed Stop meanwhile) is stopped at once. Also lists
// the devices (enumerateDevices, again on devicechange) and switches one device's track.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <emscripten/val.h>

#include "core/session/session_states.hpp"

namespace novatalk::client {

class media {
 public:
  struct callbacks {
    std::function<void(bool has_audio, bool has_video)> on_granted;
    // reason: the DOMException name; blocked_by_policy: the frame may not use the camera/mic.
    std::function<void(const std::string& reason, bool blocked_by_policy)> on_denied;
    std::function<void(std::vector<session::media_device> cameras,
                       std::vector<session::media_device> microphones)>
        on_devices;
    // A switch finished: `track` is the new MediaStreamTrack (null when !ok), already in
    // stream(); `old` is the track it replaced, taken out of stream() but still running: the
    // receiver stops it once nothing sends it any more (after replaceTrack).
    std::function<void(session::track_kind kind, const std::string& device_id, bool ok,
                       const std::string& reason, const emscripten::val& track,
                       const emscripten::val& old)>
        on_switched;
  };

  explicit media(callbacks cb);
  ~media();
  media(const media&) = delete;
  media& operator=(const media&) = delete;

  // "" = the browser's default device.
  void request(const std::string& camera_id, const std::string& microphone_id);
  void release();
  void list_devices();
  void switch_device(session::track_kind kind, const std::string& device_id);
  void set_enabled(session::track_kind kind, bool enabled);
  // The local MediaStream, or null.
  const emscripten::val& stream() const { return stream_; }

  void handle_granted(unsigned request, const emscripten::val& stream);
  void handle_denied(unsigned request, const emscripten::val& error);
  void handle_devices(const emscripten::val& list);
  void handle_switched(unsigned request, int kind, const emscripten::val& stream);
  void handle_switch_failed(unsigned request, int kind, const emscripten::val& error);

 private:
  static void stop_tracks(const emscripten::val& stream);

  callbacks cb_;
  emscripten::val stream_;
  unsigned request_ = 0;  // the request whose answer still counts
  unsigned switch_request_ = 0;
  std::string switch_device_id_;
  emscripten::val device_listener_;
};

}  // namespace novatalk::client
