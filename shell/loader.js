// The app page's one script (shell/index.html): checks that the browser has what NovaTalk needs,
// then downloads the .wasm with a real progress bar (bytes counted as they arrive) while
// compiling it as it streams, starts the Emscripten runtime (novatalk.js), and hides the loading
// screen once the app is ready. The file names come from this script's data-* attributes,
// which the install rewrites to the content-hashed names (cmake/www_assets.cmake).
(function () {
  'use strict';
  var me = document.currentScript;
  var assets = {
    js: me.getAttribute('data-js'),
    wasm: me.getAttribute('data-wasm'),
    // The .wasm's size as built: the bar's total even when the server compresses the body
    // (Content-Length is then the compressed size, and the stream yields the decompressed bytes).
    wasmBytes: Number(me.getAttribute('data-wasm-bytes')) || 0,
    fonts: (me.getAttribute('data-fonts') || '').split(/\s+/).filter(Boolean),
  };
  var screen = document.getElementById('nt-loading');
  var text = document.getElementById('nt-loading-text');
  var bar = document.getElementById('nt-progress');
  var actions = document.getElementById('nt-actions');
  var retryButton = document.getElementById('nt-retry');
  var textOnly = document.getElementById('nt-text-only');
  var canvas = document.getElementById('canvas');
  var params = new URLSearchParams(location.search);
  // The look the app will have (wasm/look_options.cpp reads the same parameter).
  if (params.get('theme') === 'light') document.documentElement.classList.add('nt-light');

  // --- what the screen says ------------------------------------------------------------------
  function say(message) {
    text.textContent = message;
  }
  function megabytes(n) {
    return (n / 1048576).toFixed(1) + ' MB';
  }
  function progress(received, total) {
    if (total > 0) {
      bar.max = total;
      bar.value = Math.min(received, total);
      say('Loading NovaTalk… ' + Math.floor(100 * Math.min(received, total) / total) + '%');
    } else {
      bar.removeAttribute('value');  // indeterminate: the size is not known
      say('Loading NovaTalk… ' + megabytes(received));
    }
  }
  // headline in bold, then the explanation; `retry`: offer the Retry button.
  function problem(headline, detail, opts) {
    opts = opts || {};
    screen.hidden = false;
    screen.classList.remove('nt-done');
    screen.classList.add('nt-problem');
    text.textContent = '';
    var strong = document.createElement('strong');
    strong.textContent = headline;
    text.appendChild(strong);
    text.appendChild(document.createTextNode(' ' + detail));
    text.setAttribute('role', 'alert');
    retryButton.hidden = !opts.retry;
    retryButton.textContent = opts.retryLabel || 'Retry';
    textOnly.hidden = !opts.textOnly;
    actions.hidden = !opts.retry && !opts.textOnly;
    if (!actions.hidden) (opts.retry ? retryButton : textOnly).focus();
  }
  function clearProblem() {
    screen.classList.remove('nt-problem');
    text.removeAttribute('role');
    actions.hidden = true;
    bar.removeAttribute('value');
    say('Loading NovaTalk…');
  }

  // --- what the browser must have, checked before anything is downloaded --------------------
  var textMode = params.get('mode') === 'text';
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    problem('This browser cannot run NovaTalk.',
            'It has no WebAssembly (or it is turned off, as in some locked-down or extra-secure ' +
            'modes). Please use a current Chrome, Firefox, Safari or Edge.');
    return;
  }
  if (typeof RTCPeerConnection !== 'function') {
    problem('This browser cannot connect you to a stranger.',
            'It has no WebRTC (RTCPeerConnection), which NovaTalk needs for video and for text ' +
            'chat. It may be turned off by a setting or an extension; or use a current Chrome, ' +
            'Firefox, Safari or Edge.');
    return;
  }
  if (!textMode && !(navigator.mediaDevices && typeof navigator.mediaDevices.getUserMedia === 'function')) {
    var url = new URL(location.href);
    url.searchParams.set('mode', 'text');
    textOnly.href = url.href;
    problem('This browser gives NovaTalk no camera or microphone.',
            (window.isSecureContext ? 'It has no getUserMedia. '
                                    : 'Browsers offer them only to https:// pages. ') +
            'Text chat needs only WebRTC, which this browser has.', { textOnly: true });
    return;
  }

  // --- the .wasm: fetched at once (in parallel with novatalk.js), counted as it arrives --------
  var download = null;    // Promise<Response> of the counted .wasm
  var instantiate = null; // {imports, receive} once novatalk.js asked for the module
  var scriptFailed = false;

  function LoadError(message) {
    this.message = message;
  }
  function counted(response, total) {
    var reader = response.body.getReader();
    var received = 0;
    progress(0, total);
    // Read as fast as the network delivers (not as fast as the compiler pulls), so the bar shows
    // the download; the compiler gets the same chunks in order.
    var body = new ReadableStream({
      start: function (controller) {
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) {
              controller.close();
              bar.max = 1;
              bar.value = 1;
              say('Starting NovaTalk…');
              return;
            }
            received += chunk.value.byteLength;
            progress(received, total);
            controller.enqueue(chunk.value);
            return pump();
          });
        }
        pump().catch(function (e) { controller.error(e); });
      },
      cancel: function (why) { return reader.cancel(why); },
    });
    return new Response(body, { headers: { 'Content-Type': 'application/wasm' } });
  }
  function startDownload() {
    download = fetch(assets.wasm, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) throw new LoadError('The server answered HTTP ' + response.status + '.');
      var encoded = (response.headers.get('Content-Encoding') || 'identity') !== 'identity';
      var total = assets.wasmBytes ||
                  (encoded ? 0 : Number(response.headers.get('Content-Length')) || 0);
      return response.body ? counted(response, total) : response;
    });
    download.catch(failed);  // no response (network) or not 200: said at once
  }
  function compile() {
    var job = instantiate;
    download.then(function (response) {
      if (typeof WebAssembly.instantiateStreaming === 'function') {
        return WebAssembly.instantiateStreaming(response, job.imports);
      }
      return response.arrayBuffer().then(function (b) { return WebAssembly.instantiate(b, job.imports); });
    }, function () {
      return null;  // startDownload reported it
    }).then(function (result) {
      if (result) job.receive(result.instance, result.module);
    }, failed);  // the body broke off, or the module does not compile
  }
  function failed(e) {
    var why = e instanceof LoadError ? e.message
            : e && e.name === 'TypeError' ? 'The connection failed.'
            : String((e && (e.name + ': ' + e.message)) || e);
    console.error('[novatalk] loading the app failed: ' + why);
    problem('NovaTalk could not be loaded.', why + ' Check your connection and try again.',
            { retry: true });
  }
  function loadScript() {
    scriptFailed = false;
    var s = document.createElement('script');
    s.src = assets.js;
    s.async = true;
    s.onerror = function () {
      scriptFailed = true;
      s.remove();
      failed(new LoadError('The app\'s script did not arrive.'));
    };
    document.body.appendChild(s);
  }
  // config.json beside the .wasm: the app reads it first thing (wasm/page_api.cpp takes this
  // promise), so `ready` does not wait one more round trip after main(). Same request as the
  // app's own (no-store: a partner added to allowedParents counts at once).
  function fetchConfig() {
    var p = fetch('config.json', { cache: 'no-store', credentials: 'same-origin' });
    p.catch(function () {});  // the app handles a failure (no config: defaults)
    window.Module.ntConfigFetch = p;
  }
  var onRetry = function () {
    clearProblem();
    fetchConfig();
    startDownload();
    if (scriptFailed) loadScript();       // it will ask for the module again
    else if (instantiate) compile();      // the runtime is still waiting for its module
  };
  retryButton.addEventListener('click', function () { onRetry(); });

  // --- the Emscripten runtime's settings (novatalk.js reads the global Module) ---------------
  window.Module = {
    canvas: canvas,
    print: function (line) { console.log(line); },
    printErr: function (line) { console.warn(line); },
    locateFile: function (path) { return path === 'novatalk.wasm' ? assets.wasm : path; },
    instantiateWasm: function (imports, receive) {
      instantiate = { imports: imports, receive: receive };
      compile();
      return {};  // the exports come later, through receive
    },
    onAbort: function (what) {
      problem('NovaTalk stopped.', 'Something went wrong (' + String(what) + '). Reloading the ' +
              'page starts it again.', { retry: true, retryLabel: 'Reload' });
      onRetry = function () { location.reload(); };
    },
    ntFontUrls: assets.fonts,  // wasm/fonts.cpp fetches these
    // Called by wasm/main.cpp once the app is running: the canvas takes over.
    ntLoaded: function () {
      if (screen.classList.contains('nt-problem')) return;
      screen.classList.add('nt-done');
      setTimeout(function () { if (screen.classList.contains('nt-done')) screen.hidden = true; }, 300);
    },
  };
  // Keyboard focus goes to the canvas on a mouse click, so ImGui receives keys. Not on a touch:
  // that would take the focus from the hidden input and close the phone's keyboard.
  canvas.addEventListener('pointerdown', function (e) {
    if (e.pointerType === 'mouse') canvas.focus();
  });
  // The page has no context menu of its own (was an inline oncontextmenu, which CSP forbids).
  canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });

  fetchConfig();
  startDownload();
  loadScript();
})();
