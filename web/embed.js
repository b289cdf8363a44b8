/* NovaTalk embed SDK (docs/embed.md): NovaTalk.embed(container, options) frames the chat in a
 * partner's page and returns a handle to drive it and hear its events. Plain JavaScript, no
 * dependencies. Messages go only to the app's exact origin and are taken only from its frame. */
(function (root) {
  'use strict';

  // Where this file came from: the app lives beside it unless options.url says otherwise.
  var script = document.currentScript;
  var scriptUrl = script && script.src ? script.src : '';
  var ALLOW = 'camera; microphone; autoplay; fullscreen';
  var PARAMS = ['interests', 'mode', 'privacy', 'theme', 'accent', 'lang', 'autostart', 'minimal',
    'partner'];
  var MAX_QUEUED = 64;  // calls made before `ready`; a page that loops on start() gets no more

  function appUrl(options) {
    var base = options.url || (scriptUrl ? new URL('./', scriptUrl).href : '');
    if (!base) throw new Error('NovaTalk.embed: options.url is needed (embed.js was not loaded from a <script src>)');
    var url = new URL(base, location.href);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new Error('NovaTalk.embed: options.url must be an http(s) address');
    }
    PARAMS.forEach(function (name) {
      var v = options[name];
      if (v === undefined || v === null || v === false || v === '') return;
      if (v === true) v = '1';
      if (Array.isArray(v)) v = v.join(',');
      url.searchParams.set(name, String(v));
    });
    return url;
  }

  function embed(container, options) {
    options = options || {};
    if (typeof container === 'string') container = document.querySelector(container);
    if (!container || typeof container.appendChild !== 'function') {
      throw new Error('NovaTalk.embed: container must be an element or a selector that finds one');
    }
    var url = appUrl(options);
    var origin = url.origin;
    var iframe = document.createElement('iframe');
    iframe.src = url.href;
    iframe.allow = ALLOW;
    // The app learns its parent's origin from the referrer where the browser has no
    // location.ancestorOrigins (Firefox): send the origin (never the path) whatever the
    // partner page's own Referrer-Policy says.
    iframe.referrerPolicy = 'origin';
    iframe.title = options.title || 'NovaTalk video chat';
    iframe.style.cssText = 'display:block;border:0;width:100%;height:100%;min-height:' +
      (options.minHeight || '480px');

    var listeners = {};
    var queue = [];
    var ready = false;
    var destroyed = false;

    function post(message) {
      if (iframe.contentWindow) iframe.contentWindow.postMessage(message, origin);
    }

    function command(cmd, fields) {
      if (destroyed) return handle;
      var message = { target: 'novatalk', cmd: cmd };
      for (var k in fields) if (Object.prototype.hasOwnProperty.call(fields, k)) message[k] = fields[k];
      if (ready) post(message);
      else if (queue.length < MAX_QUEUED) queue.push(message);
      return handle;
    }

    function emit(name, data) {
      var fns = (listeners[name] || []).concat(listeners['*'] || []);
      fns.forEach(function (fn) {
        // One failing handler must not silence the others; its error still reaches the console.
        try { fn(data); } catch (e) { setTimeout(function () { throw e; }); }
      });
    }

    function onMessage(e) {
      if (e.origin !== origin || !iframe.contentWindow || e.source !== iframe.contentWindow) return;
      var d = e.data;
      if (!d || typeof d !== 'object' || d.source !== 'novatalk' || typeof d.event !== 'string') return;
      if (d.event === 'ready') {
        ready = true;  // again after the frame reloaded: it is a fresh app
        queue.splice(0).forEach(post);
      }
      emit(d.event, d);
    }
    root.addEventListener('message', onMessage);
    container.appendChild(iframe);

    var handle = {
      iframe: iframe,
      origin: origin,
      start: function (opts) {
        opts = opts || {};
        var fields = {};
        if (opts.interests !== undefined) fields.interests = opts.interests;
        if (opts.mode !== undefined) fields.mode = opts.mode;
        return command('start', fields);
      },
      next: function () { return command('next'); },
      stop: function () { return command('stop'); },
      sendChat: function (text) { return command('send_chat', { text: String(text) }); },
      setInterests: function (list) { return command('set_interests', { interests: list }); },
      toggleMic: function () { return command('toggle_mic'); },
      toggleCamera: function () { return command('toggle_camera'); },
      // Any other page API command (set_mode, set_privacy, report, select_device, typing).
      command: command,
      on: function (name, fn) {
        if (typeof fn === 'function') (listeners[name] = listeners[name] || []).push(fn);
        return handle;
      },
      off: function (name, fn) {
        var fns = listeners[name] || [];
        var i = fns.indexOf(fn);
        if (i >= 0) fns.splice(i, 1);
        if (fn === undefined) delete listeners[name];
        return handle;
      },
      destroy: function () {
        if (destroyed) return;
        destroyed = true;
        root.removeEventListener('message', onMessage);
        listeners = {};
        queue = [];
        if (iframe.parentNode) iframe.parentNode.removeChild(iframe);
      },
    };
    return handle;
  }

  root.NovaTalk = root.NovaTalk || {};
  root.NovaTalk.embed = embed;
})(window);
