// JS helpers for the C++ adapters (passed as --pre-js). Only what C++ cannot do through embind:
// catching a synchronous JS exception, and the per-frame callback of a <video> element.
Module['ntTry'] = function (obj, name, args) {
  try {
    return { ok: true, value: obj[name].apply(obj, args || []) };
  } catch (e) {
    return { ok: false, error: String((e && (e.name + ': ' + e.message)) || e) };
  }
};
Module['ntTryNew'] = function (ctor, args) {
  try {
    return { ok: true, value: Reflect.construct(ctor, args || []) };
  } catch (e) {
    return { ok: false, error: String((e && (e.name + ': ' + e.message)) || e) };
  }
};
// Counts presented frames in video.ntFrames, so the texture is uploaded only when a new frame
// arrived. Without requestVideoFrameCallback the C++ side compares currentTime instead.
Module['ntWatchFrames'] = function (video) {
  video.ntFrames = 0;
  if (typeof video.requestVideoFrameCallback !== 'function') return false;
  var onFrame = function () {
    video.ntFrames++;
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  return true;
};
