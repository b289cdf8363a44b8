// The plain-JavaScript reference client (tools/bench/client.mjs measures it beside NovaTalk): a
// minimal stranger chat written the way such sites usually are. Protocol v1 (docs/protocol.md):
// join -> matched -> offer/answer/candidates relayed -> partner_left. It posts the same page
// events as NovaTalk ({source:"novatalk", event}) so one harness measures both.
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var statusLine = document.getElementById('status');
  var remoteVideo = document.getElementById('remote');
  var localVideo = document.getElementById('local');
  var buttons = {
    start: document.getElementById('start'),
    next: document.getElementById('next'),
    stop: document.getElementById('stop'),
  };
  var ws = null;
  var iceServers = [];
  var localStream = null;
  var pc = null;
  var pendingCandidates = [];  // the stranger's candidates that came before their description
  var searching = false;

  function emit(event, extra) {
    var msg = Object.assign({ source: 'novatalk', event: event }, extra || {});
    window.postMessage(msg, '*');
  }
  function say(text) { statusLine.textContent = text; }
  function send(obj) { if (ws && ws.readyState === 1) ws.send(JSON.stringify(obj)); }

  function closePeer() {
    if (pc) pc.close();
    pc = null;
    pendingCandidates = [];
    remoteVideo.srcObject = null;
  }

  function join() {
    searching = true;
    say('Looking for a stranger…');
    send({ type: 'join', mode: 'video' });
    emit('searching');
  }

  function start() {
    buttons.start.disabled = true;
    buttons.next.disabled = false;
    buttons.stop.disabled = false;
    if (localStream) { join(); return; }
    say('Allow camera and microphone access');
    navigator.mediaDevices.getUserMedia({ video: true, audio: true }).then(function (stream) {
      localStream = stream;
      localVideo.srcObject = stream;
      join();
    }, function (e) {
      say('No camera: ' + e.name);
      emit('error', { code: 'media' });
    });
  }

  function createPeer(initiator) {
    closePeer();
    pc = new RTCPeerConnection({ iceServers: iceServers });
    var mine = pc;
    pc.createDataChannel('chat', { negotiated: true, id: 0 });  // as NovaTalk's, for parity
    if (localStream) localStream.getTracks().forEach(function (t) { pc.addTrack(t, localStream); });
    pc.onicecandidate = function (e) {
      if (pc !== mine) return;
      send({ type: 'webrtc_ice_candidate', candidate: e.candidate ? e.candidate.toJSON() : null });
    };
    pc.ontrack = function (e) {
      if (pc !== mine) return;
      remoteVideo.srcObject = e.streams[0] || new MediaStream([e.track]);
    };
    pc.onconnectionstatechange = function () {
      if (pc !== mine) return;
      if (pc.connectionState === 'connected') { say('Connected'); emit('connected'); }
      if (pc.connectionState === 'failed') { closePeer(); send({ type: 'next' }); join(); }
    };
    if (initiator) {
      pc.createOffer().then(function (offer) {
        if (pc !== mine) return undefined;
        return pc.setLocalDescription(offer).then(function () {
          send({ type: 'webrtc_offer', sdp: pc.localDescription.sdp });
        });
      }).catch(function () { emit('error', { code: 'peer' }); });
    }
  }

  function applyCandidates() {
    var list = pendingCandidates;
    pendingCandidates = [];
    list.forEach(function (c) { pc.addIceCandidate(c).catch(function () {}); });
  }

  function onMessage(msg) {
    switch (msg.type) {
      case 'welcome':
        iceServers = msg.iceServers || [];
        break;
      case 'matched':
        searching = false;
        say('Stranger found. Connecting…');
        emit('matched', { role: msg.role });
        createPeer(msg.role === 'initiator');
        break;
      case 'webrtc_offer':
        if (!pc || searching) return;
        pc.setRemoteDescription({ type: 'offer', sdp: msg.sdp }).then(function () {
          applyCandidates();
          return pc.createAnswer();
        }).then(function (answer) {
          return pc.setLocalDescription(answer);
        }).then(function () {
          send({ type: 'webrtc_answer', sdp: pc.localDescription.sdp });
        }).catch(function () { emit('error', { code: 'peer' }); });
        break;
      case 'webrtc_answer':
        if (!pc || searching) return;
        pc.setRemoteDescription({ type: 'answer', sdp: msg.sdp }).then(applyCandidates)
          .catch(function () { emit('error', { code: 'peer' }); });
        break;
      case 'webrtc_ice_candidate':
        if (!pc || searching || !msg.candidate) return;
        if (pc.remoteDescription) pc.addIceCandidate(msg.candidate).catch(function () {});
        else pendingCandidates.push(msg.candidate);
        break;
      case 'partner_left':
        closePeer();
        emit('partner_left', { reason: msg.reason });
        join();
        break;
      default:
        break;
    }
  }

  function connect(url) {
    ws = new WebSocket(url);
    ws.onmessage = function (e) {
      var msg;
      try { msg = JSON.parse(e.data); } catch (err) { return; }
      if (msg && typeof msg.type === 'string') onMessage(msg);
    };
    ws.onclose = function () { closePeer(); say('Disconnected'); };
    ws.onopen = function () { if (params.get('autostart') === '1') start(); };
  }

  buttons.start.addEventListener('click', start);
  buttons.next.addEventListener('click', function () { closePeer(); send({ type: 'next' }); join(); });
  buttons.stop.addEventListener('click', function () {
    closePeer();
    searching = false;
    send({ type: 'leave' });
    buttons.start.disabled = false;
    say('Stopped');
  });

  // Where the signaling server is: ?signal= (as NovaTalk's page), else config.json's `signal`,
  // else /ws on this origin. Ready once known: the page shows its controls and can start.
  function absolute(u) { return new URL(u, location.href.replace(/^http/, 'ws')).href; }
  fetch('config.json').then(function (r) { return r.ok ? r.json() : {}; }, function () { return {}; })
    .then(function (config) {
      var url = params.get('signal') || config.signal || '/ws';
      connect(absolute(url));
      buttons.start.disabled = false;
      say('Press Start to meet a stranger');
      emit('ready');
    });
})();
