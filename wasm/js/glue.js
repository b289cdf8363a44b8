// JS helpers for the C++ adapters (passed as --pre-js). Only what C++ cannot do through embind,
// or says in far fewer bytes: catching a synchronous JS exception, the <video> elements, the
// spinners.
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
// The <video> elements of wasm/video_view.cpp: before the canvas in <body>, so the canvas (also
// position: fixed) is painted over them and its transparent holes show them (app.css .nt-video);
// our own right under the canvas, over the stranger's (the picture-in-picture is on the hero).
// A first frame or a new size wakes a paused main loop, which then shows it; frames cost nothing.
// #nt-self is our camera (muted), #nt-stranger the stranger's video (for automation and tests).
Module['ntVideo'] = function (muted) {
  var v = document.createElement('video');
  v['id'] = muted ? 'nt-self' : 'nt-stranger';
  v['muted'] = muted;
  v['autoplay'] = v['playsInline'] = true;
  v['className'] = 'nt-video';
  v['onloadeddata'] = v['onresize'] = function () { if (Module['ntWake']) Module['ntWake'](); };
  document.body.insertBefore(v, muted ? document.getElementById('canvas') : document.body.firstChild);
  return v;
};
// Shows the element over x, y, w, h (CSS px), mirrored or not; or hides it where it is.
Module['ntPlaceVideo'] = function (v, shown, x, y, w, h, mirror) {
  var s = v['style'];
  s['visibility'] = shown ? 'visible' : 'hidden';
  if (!shown) return;
  s['left'] = x + 'px';
  s['top'] = y + 'px';
  s['width'] = w + 'px';
  s['height'] = h + 'px';
  s['transform'] = mirror ? 'scaleX(-1)' : 'none';
};
// The spinners of wasm/spinner_view.cpp: elements after the canvas (so over it) that CSS turns
// (app.css .nt-spin). `list` holds x, y (centre), radius and thickness in CSS px per spinner
// (a view of wasm memory: read now); the colours are ImGui's 0xAABBGGRR. The pool grows to the
// most shown at once, the rest are hidden.
Module['ntSpinners'] = function(list, arc, track) {
  var css = function(c) {
    return 'rgba(' + (c & 255) + ',' + ((c >>> 8) & 255) + ',' + ((c >>> 16) & 255) + ',' +
        (c >>> 24) / 255 + ')';
  };
  arc = css(arc);
  track = css(track);
  var pool = Module['ntSpinPool'] || (Module['ntSpinPool'] = []);
  for (var i = 0; i < pool.length || i * 4 < list.length; i++) {
    var el = pool[i];
    if (!el) {
      el = pool[i] = document.createElement('div');
      el['className'] = 'nt-spin';
      el.setAttribute('aria-hidden', 'true');
      document.body.appendChild(el);
    }
    var s = el['style'];
    if (i * 4 >= list.length) {
      s['display'] = 'none';
      continue;
    }
    var r = list[i * 4 + 2];
    s['display'] = 'block';
    s['left'] = list[i * 4] - r + 'px';
    s['top'] = list[i * 4 + 1] - r + 'px';
    s['width'] = s['height'] = 2 * r + 'px';
    s['borderWidth'] = list[i * 4 + 3] + 'px';
    s['borderColor'] = track;
    s['borderTopColor'] = arc;
  }
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
