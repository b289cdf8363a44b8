// JS helpers for the C++ adapters (passed as --pre-js). Only what C++ cannot do through embind:
// catching a synchronous JS exception, and the per-frame callback of a <video> element.
Module['ntTry'] = function (obj, name, args) {
  try {
    return { 'ok': true, 'value': obj[name].apply(obj, args || []) };
  } catch (e) {
    return { 'ok': false, 'error': String((e && (e.name + ': ' + e.message)) || e) };
  }
};
Module['ntTryNew'] = function (ctor, args) {
  try {
    return { 'ok': true, 'value': Reflect.construct(ctor, args || []) };
  } catch (e) {
    return { 'ok': false, 'error': String((e && (e.name + ': ' + e.message)) || e) };
  }
};
// Counts presented frames in video['ntFrames'], so the texture is uploaded only when a new frame
// arrived. Without requestVideoFrameCallback the C++ side compares currentTime instead.
Module['ntWatchFrames'] = function (video) {
  video['ntFrames'] = 0;
  if (typeof video.requestVideoFrameCallback !== 'function') return false;
  var onFrame = function () {
    video['ntFrames']++;
    if (Module['ntWake']) Module['ntWake']();  // a paused main loop draws the new frame
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  return true;
};
// sender.replaceTrack(track), then old.stop() once the sender no longer uses it (also when the
// replacement failed: the old track has left the local stream either way).
Module['ntReplaceTrack'] = function (sender, track, old, onError) {
  var stopOld = function () { if (old) old.stop(); };
  try {
    sender.replaceTrack(track).then(stopOld, function (e) { stopOld(); onError(e); });
  } catch (e) {
    stopOld();
    onError(e);
  }
};
