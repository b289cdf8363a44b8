// Page side of the UI adapters (--pre-js: runs before main(), so these listeners come before
// GLFW's): touch turned into mouse events GLFW understands, the hidden <input> that phones and
// IMEs type into, keys counted for the UI, the hidden accessible buttons, localStorage.
// The C++ side (wasm/browser_host.cpp) polls Module.ntUi once per frame.
(function () {
  var canvas = Module['canvas'];
  var input = document.getElementById('nt-input');
  var ui = {
    'keys': [],         // 'escape' | 'tab' | 'shift_tab' | 'enter' | 'space'
    'actions': [],      // data-nt-action of the hidden buttons pressed
    'edit': null,       // {value, start, end} of the hidden input after an edit (UTF-16 offsets)
    'fields': [],       // text fields on screen in CSS pixels [{x, y, width, height, value}]
    'activeField': -1,  // index in fields of the field being edited (-1: none)
    'tapField': null,   // index of the field a tap focused the input for, until C++ takes over
    'regions': {},      // named parts of the screen in CSS pixels ({hero, chat, next, start, ...})
    'input': input,
  };
  Module['ntUi'] = ui;

  // --- redraws. wasm/main.cpp draws a frame only when something changed: every DOM event the
  // person causes (and a resize) says so here. Capture phase, registered before the listeners
  // below, so even an event they stop is seen; passive: nothing is prevented.
  ui['changed'] = true;
  function changed() {
    ui['changed'] = true;
    if (Module['ntWake']) Module['ntWake']();  // wasm/main.cpp: resume a paused main loop
  }
  ['mousedown', 'mouseup', 'mousemove', 'wheel', 'keydown', 'keyup', 'keypress', 'touchstart',
   'touchmove', 'touchend', 'touchcancel', 'pointerdown', 'pointerup', 'pointermove', 'click',
   'input', 'focusin', 'focusout', 'compositionupdate', 'compositionend', 'resize', 'focus',
   'blur', 'visibilitychange', 'pageshow'].forEach(function (type) {
    window.addEventListener(type, changed, { capture: true, passive: true });
  });
  document.addEventListener('selectionchange', changed);

  // --- localStorage (throws in sandboxed frames and some private modes: then nothing is kept)
  ui['load'] = function (key) {
    try { var v = window.localStorage.getItem(key); return v === null ? '' : v; } catch (e) { return ''; }
  };
  ui['save'] = function (key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* not kept */ }
  };

  // --- keys. Only when no real element of the page has the focus (then the browser's own
  // behaviour is right: a hidden button or a link is being used).
  function ours(t) {
    return t === input || t === canvas || t === document.body || t === document.documentElement ||
        t === document || t === window;
  }
  window.addEventListener('keydown', function (e) {
    if (!ours(e.target)) return;
    var name = null;
    if (e.key === 'Escape') name = 'escape';
    else if (e.key === 'Tab') name = e.shiftKey ? 'shift_tab' : 'tab';
    else if (e.key === 'Enter' && !e.isComposing && e.keyCode !== 229) name = 'enter';
    else if (e.key === ' ' && e.target !== input) name = 'space';
    if (name) {
      if (!e.repeat || name === 'tab' || name === 'shift_tab') ui['keys'].push(name);
      e.preventDefault();
      e.stopImmediatePropagation();  // GLFW (and so ImGui) never sees these
      return;
    }
    // Typing in the hidden input is the browser's: ImGui mirrors the result.
    if (e.target === input) e.stopImmediatePropagation();
  }, true);
  window.addEventListener('keypress', function (e) {
    if (e.target === input) e.stopImmediatePropagation();
  }, true);

  // --- the hidden input
  function snapshot() {
    ui['edit'] = {
      'value': input.value,
      'start': input.selectionStart || 0,
      'end': input.selectionEnd || 0,
      'field': ui['tapField']
    };
  }
  input.addEventListener('input', snapshot);
  document.addEventListener('selectionchange', function () {
    if (document.activeElement === input) snapshot();
  });
  function caretToEnd() {
    var end = input.value.length;
    try { input.setSelectionRange(end, end); } catch (e) { /* not focusable yet */ }
  }
  // The C++ side sets the value when a field is activated or changed by the program.
  ui['setInput'] = function(value, maxLength, enterHint) {
    ui['tapField'] = null;
    if (input.value !== value) input.value = value;
    input.maxLength = maxLength > 0 ? maxLength : 524288;
    input.enterKeyHint = enterHint;
    caretToEnd();
  };
  ui['placeInput'] = function (x, y, w, h) {
    var s = input.style;
    s.left = x + 'px'; s.top = y + 'px'; s.width = w + 'px'; s.height = h + 'px';
  };
  function fieldAt(x, y) {
    for (var i = 0; i < ui['fields'].length; i++) {
      var f = ui['fields'][i];
      if (x >= f['x'] && x <= f['x'] + f['width'] && y >= f['y'] && y <= f['y'] + f['height'])
        return i;
    }
    return -1;
  }
  // A tap into a text field focuses the input at once (inside the gesture), but the UI sees the
  // tap only at its next frame, and the keyboard may type before that: so the input gets that
  // field's text now, and its edits say whose they are until the C++ side takes over.
  function focusField(i) {
    if (document.activeElement !== input || ui['activeField'] !== i) {
      ui['tapField'] = i;
      input.value = ui['fields'][i]['value'];
      caretToEnd();
    }
    input.focus({preventScroll: true});
  }

  // --- touch -> mouse. This GLFW takes touch positions only from SDL-style events, so a tap
  // would click where the mouse last was. A tap becomes mousemove + mousedown + mouseup at the
  // finger; a vertical drag becomes wheel events (ImGui does not drag-scroll).
  var touch = null;
  var WHEEL_PER_PX = 100 / 85;  // main.cpp: 100 wheel units = one ImGui step of 5 x 17 px
  function mouse(type, x, y) {
    canvas.dispatchEvent(new MouseEvent(type, {
      clientX: x, clientY: y, button: 0, buttons: type === 'mouseup' ? 0 : 1,
      bubbles: true, cancelable: true, view: window,
    }));
  }
  function find(list, id) {
    for (var i = 0; i < list.length; i++) if (list[i].identifier === id) return list[i];
    return null;
  }
  function onTouch(e) {
    e.preventDefault();           // no emulated mouse events, no double tap zoom
    e.stopImmediatePropagation(); // GLFW's own touch handling would click at the old position
    if (e.type === 'touchstart') {
      if (touch) return;  // one finger at a time
      var s = e.changedTouches[0];
      touch = { id: s.identifier, x: s.clientX, y: s.clientY, lastY: s.clientY, scrolling: false };
      mouse('mousemove', s.clientX, s.clientY);
      return;
    }
    if (!touch) return;
    var t = find(e.changedTouches, touch.id);
    if (!t) return;
    if (e.type === 'touchmove') {
      if (!touch.scrolling && Math.abs(t.clientY - touch.y) > 10) touch.scrolling = true;
      if (touch.scrolling) {
        var dy = t.clientY - touch.lastY;
        touch.lastY = t.clientY;
        canvas.dispatchEvent(new WheelEvent('wheel', {
          deltaY: -dy * WHEEL_PER_PX, deltaMode: 0, clientX: touch.x, clientY: touch.y,
          bubbles: true, cancelable: true, view: window,
        }));
      }
      return;
    }
    var tap = e.type === 'touchend' && !touch.scrolling;
    touch = null;
    if (!tap) return;
    mouse('mousemove', t.clientX, t.clientY);
    mouse('mousedown', t.clientX, t.clientY);
    mouse('mouseup', t.clientX, t.clientY);
    // Focus now, inside the gesture: the on-screen keyboard opens only then (iOS).
    var field = fieldAt(t.clientX, t.clientY);
    if (field >= 0) focusField(field);
    // A finger does not hover: once ImGui has seen the click, take the pointer away.
    requestAnimationFrame(function () {
      requestAnimationFrame(function () { if (!touch) mouse('mousemove', -10000, -10000); });
    });
  }
  ['touchstart', 'touchmove', 'touchend', 'touchcancel'].forEach(function (type) {
    canvas.addEventListener(type, onTouch, { capture: true, passive: false });
  });

  // --- the hidden accessible buttons
  document.addEventListener('click', function (e) {
    var b = e.target && e.target.closest ? e.target.closest('[data-nt-action]') : null;
    if (b) ui['actions'].push(b.getAttribute('data-nt-action'));
  });
})();
