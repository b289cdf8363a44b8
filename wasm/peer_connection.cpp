// RTCPeerConnection over embind. Offer/answer use setLocalDescription() without arguments
// (implicit offer or answer), each promise settling into an exported C++ function bound to the
// call id. Errors become peer_error events; nothing throws into C++.
#include "wasm/peer_connection.hpp"

#include <emscripten/bind.h>

#include <algorithm>
#include <cstdio>

#include "wasm/js_util.hpp"

namespace novatalk::client {
namespace {

peer_connections* instance = nullptr;

// Call ids cross into JS as doubles: exact far beyond any realistic number of calls.
std::uint64_t id_of(double d) { return static_cast<std::uint64_t>(d); }

void on_local_set(double id, val) {
  if (instance) instance->handle_local_description_set(id_of(id));
}
void on_remote_set(double id, val) {
  if (instance) instance->handle_remote_description_set(id_of(id));
}
void on_candidate(double id, val ev) {
  if (instance) instance->handle_candidate(id_of(id), ev);
}
void on_state(double id, val) {
  if (instance) instance->handle_state_change(id_of(id));
}
void on_track(double id, val ev) {
  if (instance) instance->handle_track(id_of(id), ev);
}
void on_stats(double id, val report) {
  if (instance) instance->handle_stats(id_of(id), report);
}
void on_failure(double id, val error) {
  if (instance) instance->handle_failure(id_of(id), error);
}
void on_channel_open(double id, val) {
  if (instance) instance->handle_channel_open(id_of(id));
}
void on_channel_close(double id, val) {
  if (instance) instance->handle_channel_close(id_of(id));
}
void on_channel_message(double id, val ev) {
  if (instance) instance->handle_channel_message(id_of(id), ev);
}
void on_ice_error(double id, val ev) {
  if (instance) instance->handle_ice_error(id_of(id), ev);
}
void on_warning(double id, val error) {
  // addIceCandidate may refuse a single candidate (e.g. an unresolvable name): not fatal.
  std::fprintf(stderr, "[novatalk] call %.0f: %s\n", id,
               string_or(error, "message", "addIceCandidate failed").c_str());
}

val json_parse_or(const std::string& text, val fallback) {
  js_result r = try_call(val::global("JSON"), "parse", text);
  return r.ok ? r.value : fallback;
}

}  // namespace

EMSCRIPTEN_BINDINGS(novatalk_peer_connection) {
  emscripten::function("ntPeerLocalSet", &on_local_set);
  emscripten::function("ntPeerRemoteSet", &on_remote_set);
  emscripten::function("ntPeerCandidate", &on_candidate);
  emscripten::function("ntPeerState", &on_state);
  emscripten::function("ntPeerTrack", &on_track);
  emscripten::function("ntPeerStats", &on_stats);
  emscripten::function("ntPeerFailure", &on_failure);
  emscripten::function("ntPeerWarning", &on_warning);
  emscripten::function("ntPeerIceError", &on_ice_error);
  emscripten::function("ntChannelOpen", &on_channel_open);
  emscripten::function("ntChannelClose", &on_channel_close);
  emscripten::function("ntChannelMessage", &on_channel_message);
}

peer_connections::peer_connections(callbacks cb) : cb_(std::move(cb)) { instance = this; }

peer_connections::~peer_connections() {
  close_all();
  if (instance == this) instance = nullptr;
}

val* peer_connections::find(std::uint64_t call_id) {
  auto it = peers_.find(call_id);
  return it == peers_.end() ? nullptr : &it->second;
}

void peer_connections::create(std::uint64_t call_id, protocol::role role,
                              const std::string& ice_servers_json, const val& local_stream,
                              bool with_media, bool relay_only) {
  close(call_id);
  const double id = static_cast<double>(call_id);
  val config = val::object();
  val servers = json_parse_or(ice_servers_json, val::array());
  config.set("iceServers", servers.isArray() ? servers : val::array());
  // "Hide my IP": the browser gathers relay candidates only, so no host or reflexive address
  // of ours is ever created, let alone sent.
  if (relay_only) config.set("iceTransportPolicy", std::string("relay"));
  js_result r = try_new(val::global("RTCPeerConnection"), config);
  if (!r.ok) {
    // A bad ICE server entry must not cost the call: host candidates work without it.
    std::fprintf(stderr, "[novatalk] RTCPeerConnection: %s; retrying without ICE servers\n",
                 r.error.c_str());
    config.set("iceServers", val::array());
    // Without ICE servers relay mode cannot connect, but it must still never go direct.
    r = try_new(val::global("RTCPeerConnection"), config);
  }
  if (!r.ok) {
    if (cb_.on_event) cb_.on_event(session::peer_error{call_id, r.error});
    return;
  }
  val pc = r.value;
  pc.set("onicecandidate", bound("ntPeerCandidate", id));
  pc.set("onconnectionstatechange", bound("ntPeerState", id));
  pc.set("onicecandidateerror", bound("ntPeerIceError", id));
  pc.set("ontrack", bound("ntPeerTrack", id));
  peers_.emplace(call_id, pc);

  // Chat, typing and camera state go browser to browser on this channel, never via the server.
  val channel_init = val::object();
  channel_init.set("negotiated", true);
  channel_init.set("id", 0);
  js_result ch = try_call(pc, "createDataChannel", std::string("novatalk"), channel_init);
  if (ch.ok) {
    ch.value.set("onopen", bound("ntChannelOpen", id));
    ch.value.set("onmessage", bound("ntChannelMessage", id));
    ch.value.set("onclose", bound("ntChannelClose", id));
    channels_.emplace(call_id, ch.value);
  } else {
    std::fprintf(stderr, "[novatalk] createDataChannel: %s\n", ch.error.c_str());
  }

  bool sends_audio = false;
  bool sends_video = false;
  if (with_media && !local_stream.isNull() && !local_stream.isUndefined()) {
    val tracks = local_stream.call<val>("getTracks");
    const int n = tracks["length"].as<int>();
    for (int i = 0; i < n; ++i) {
      val track = tracks[i];
      if (try_call(pc, "addTrack", track, local_stream).ok) {
        (track["kind"].as<std::string>() == "audio" ? sends_audio : sends_video) = true;
      }
    }
  }
  if (role == protocol::role::initiator) {
    // Without a camera we still want to see and hear the stranger: receive-only m-lines.
    val recvonly = val::object();
    recvonly.set("direction", std::string("recvonly"));
    if (with_media && !sends_audio) {
      try_call(pc, "addTransceiver", std::string("audio"), recvonly);
    }
    if (with_media && !sends_video) {
      try_call(pc, "addTransceiver", std::string("video"), recvonly);
    }
    set_local_description(call_id, pc);  // the offer
  }
  // The responder answers once the offer is applied (no glare: only one side offers).
}

void peer_connections::restart_ice(std::uint64_t call_id) {
  val* pc = find(call_id);
  if (!pc) return;
  // restartIce() marks the next offer as an ICE restart (new ufrag/pwd); the implicit offer of
  // setLocalDescription() is that offer.
  js_result r = try_call(*pc, "restartIce");
  if (!r.ok) {
    fail(call_id, r.error);
    return;
  }
  set_local_description(call_id, *pc);
}

bool peer_connections::send(std::uint64_t call_id, const std::string& text) {
  auto it = channels_.find(call_id);
  if (it == channels_.end()) return false;
  val& ch = it->second;
  // A person cannot type 1 MiB; a full buffer means the path is gone: drop, do not queue.
  constexpr double max_buffered = 1 << 20;
  if (string_or(ch, "readyState") != "open" || number_or(ch, "bufferedAmount", 0) > max_buffered) {
    return false;
  }
  return try_call(ch, "send", text).ok;
}

void peer_connections::replace_track(std::uint64_t call_id, const val& track, const val& old) {
  val* pc = find(call_id);
  if (pc && !track.isNull() && !track.isUndefined()) {
    const std::string kind = track["kind"].as<std::string>();
    val senders = pc->call<val>("getSenders");
    const int n = senders["length"].as<int>();
    for (int i = 0; i < n; ++i) {
      val sender = senders[i];
      val current = sender["track"];
      if (current.isNull() || current.isUndefined() || current["kind"].as<std::string>() != kind) {
        continue;
      }
      // glue.js: replaceTrack, then stop the old track whether it worked or not.
      val::module_property("ntReplaceTrack")(sender, track, old,
                                             bound("ntPeerWarning", double(call_id)));
      return;
    }
  }
  if (!old.isNull() && !old.isUndefined()) old.call<void>("stop");
}

void peer_connections::handle_ice_error(std::uint64_t call_id, const val& ev) {
  // Only the numeric code: the event also carries addresses and URLs, which stay in the browser.
  val code = ev["errorCode"];
  if (find(call_id) && cb_.on_event && code.isNumber()) {
    cb_.on_event(session::peer_ice_server_error{call_id, code.as<int>()});
  }
}

void peer_connections::handle_channel_open(std::uint64_t call_id) {
  if (find(call_id) && cb_.on_event) cb_.on_event(session::peer_channel_open{call_id});
}

void peer_connections::handle_channel_close(std::uint64_t call_id) {
  if (find(call_id) && cb_.on_event) cb_.on_event(session::peer_channel_closed{call_id});
}

void peer_connections::handle_channel_message(std::uint64_t call_id, const val& ev) {
  if (!find(call_id) || !cb_.on_event) return;
  val data = ev["data"];
  // Text only, and bounded before it is copied into wasm memory: the stranger is untrusted.
  constexpr int max_message_chars = 16 * 1024;
  if (!data.isString() || data["length"].as<int>() > max_message_chars) return;
  cb_.on_event(session::peer_channel_message{call_id, data.as<std::string>()});
}

void peer_connections::set_local_description(std::uint64_t call_id, val& pc) {
  const double id = static_cast<double>(call_id);
  js_result r = try_call(pc, "setLocalDescription");
  if (!r.ok) {
    fail(call_id, r.error);
    return;
  }
  r.value.call<void>("then", bound("ntPeerLocalSet", id), bound("ntPeerFailure", id));
}

void peer_connections::apply_remote_description(std::uint64_t call_id, session::sdp_type type,
                                                const std::string& sdp) {
  val* pc = find(call_id);
  if (!pc) return;
  const double id = static_cast<double>(call_id);
  val desc = val::object();
  desc.set("type", std::string(session::to_string(type)));
  desc.set("sdp", sdp);
  js_result r = try_call(*pc, "setRemoteDescription", desc);
  if (!r.ok) {
    fail(call_id, r.error);
    return;
  }
  if (type == session::sdp_type::offer) {
    r.value.call<void>("then", bound("ntPeerRemoteSet", id), bound("ntPeerFailure", id));
  } else {
    r.value.call<void>("then", val::undefined(), bound("ntPeerFailure", id));
  }
}

void peer_connections::add_remote_candidate(
    std::uint64_t call_id, const std::optional<protocol::ice_candidate>& candidate) {
  val* pc = find(call_id);
  if (!pc) return;
  const double id = static_cast<double>(call_id);
  // The operations chain runs this after a pending setRemoteDescription.
  js_result r;
  if (candidate) {
    val init = val::object();
    init.set("candidate", candidate->candidate);
    if (candidate->sdp_mid) init.set("sdpMid", *candidate->sdp_mid);
    if (candidate->sdp_mline_index) init.set("sdpMLineIndex", *candidate->sdp_mline_index);
    if (candidate->username_fragment) {
      init.set("usernameFragment", *candidate->username_fragment);
    }
    r = try_call(*pc, "addIceCandidate", init);
  } else {
    r = try_call(*pc, "addIceCandidate");  // end of candidates
  }
  if (r.ok && !r.value.isUndefined()) {
    r.value.call<void>("then", val::undefined(), bound("ntPeerWarning", id));
  }
}

void peer_connections::close(std::uint64_t call_id) {
  auto it = peers_.find(call_id);
  if (it != peers_.end()) {
    val pc = it->second;
    peers_.erase(it);  // first: callbacks that fire during close() find nothing
    pc.set("onicecandidate", val::null());
    pc.set("onconnectionstatechange", val::null());
    pc.set("ontrack", val::null());
    try_call(pc, "close");
  }
  auto ch = channels_.find(call_id);
  if (ch != channels_.end()) {
    ch->second.set("onopen", val::null());
    ch->second.set("onmessage", val::null());
    ch->second.set("onclose", val::null());
    channels_.erase(ch);
  }
  remote_streams_.erase(call_id);
}

void peer_connections::close_all() {
  while (!peers_.empty()) close(peers_.begin()->first);
}

void peer_connections::request_stats(std::uint64_t call_id) {
  val* pc = find(call_id);
  if (!pc) return;
  const double id = static_cast<double>(call_id);
  js_result r = try_call(*pc, "getStats");
  if (r.ok) r.value.call<void>("then", bound("ntPeerStats", id), bound("ntPeerWarning", id));
}

void peer_connections::handle_local_description_set(std::uint64_t call_id) {
  val* pc = find(call_id);
  if (!pc || !cb_.on_event) return;
  val desc = (*pc)["localDescription"];
  const std::string type = string_or(desc, "type");
  if (type != "offer" && type != "answer") return;
  cb_.on_event(session::peer_local_description{
      call_id, type == "offer" ? session::sdp_type::offer : session::sdp_type::answer,
      string_or(desc, "sdp")});
}

void peer_connections::handle_remote_description_set(std::uint64_t call_id) {
  val* pc = find(call_id);
  if (pc) set_local_description(call_id, *pc);  // the answer
}

void peer_connections::handle_candidate(std::uint64_t call_id, const val& ev) {
  if (!find(call_id) || !cb_.on_event) return;
  val c = ev["candidate"];
  if (c.isNull() || c.isUndefined()) {
    cb_.on_event(session::peer_local_candidate{call_id, std::nullopt});
    return;
  }
  protocol::ice_candidate ic;
  ic.candidate = string_or(c, "candidate");
  if (ic.candidate.empty()) return;  // per-m-line end marker of some browsers: not needed
  if (c["sdpMid"].isString()) ic.sdp_mid = c["sdpMid"].as<std::string>();
  if (c["sdpMLineIndex"].isNumber()) ic.sdp_mline_index = c["sdpMLineIndex"].as<unsigned>();
  if (c["usernameFragment"].isString()) {
    ic.username_fragment = c["usernameFragment"].as<std::string>();
  }
  cb_.on_event(session::peer_local_candidate{call_id, std::move(ic)});
}

void peer_connections::handle_state_change(std::uint64_t call_id) {
  val* pc = find(call_id);
  if (!pc || !cb_.on_event) return;
  const std::string state = string_or(*pc, "connectionState", "failed");
  cb_.on_event(
      session::peer_connection_state{call_id, session::peer_state_from_string(state.c_str())});
}

void peer_connections::handle_track(std::uint64_t call_id, const val& ev) {
  if (!find(call_id)) return;
  val streams = ev["streams"];
  val stream = val::null();
  if (!streams.isUndefined() && streams["length"].as<int>() > 0) {
    stream = streams[0];
  } else {
    // A track without a stream (the sender used addTransceiver): collect into our own stream.
    auto it = remote_streams_.find(call_id);
    if (it == remote_streams_.end()) {
      it = remote_streams_.emplace(call_id, val::global("MediaStream").new_()).first;
    }
    it->second.call<void>("addTrack", ev["track"]);
    stream = it->second;
  }
  if (cb_.on_remote_stream) cb_.on_remote_stream(call_id, stream);
}

void peer_connections::handle_stats(std::uint64_t call_id, const val& report) {
  if (!find(call_id) || !cb_.on_event) return;
  session::call_stats st;
  val all = val::global("Array").call<val>("from", report.call<val>("values"));
  const int n = all["length"].as<int>();
  std::string pair_id;
  for (int i = 0; i < n; ++i) {
    val s = all[i];
    const std::string type = string_or(s, "type");
    if (type == "inbound-rtp") {
      if (string_or(s, "kind") == "video") {
        st.frames_decoded = number_or(s, "framesDecoded", 0);
        st.frames_per_second = number_or(s, "framesPerSecond", 0);
      }
      // Summed over audio and video: loss is loss, whichever stream shows it.
      const double received = number_or(s, "packetsReceived", -1);
      const double lost = number_or(s, "packetsLost", -1);
      if (received >= 0) st.packets_received = std::max(st.packets_received, 0.0) + received;
      if (lost >= 0) st.packets_lost = std::max(st.packets_lost, 0.0) + lost;
    } else if (type == "transport" && pair_id.empty()) {
      pair_id = string_or(s, "selectedCandidatePairId");
    }
  }
  if (pair_id.empty()) {
    // Browsers without transport stats mark the pair itself.
    for (int i = 0; i < n && pair_id.empty(); ++i) {
      val s = all[i];
      if (string_or(s, "type") == "candidate-pair" &&
          (s["selected"].as<bool>() ||
           (s["nominated"].as<bool>() && string_or(s, "state") == "succeeded"))) {
        pair_id = string_or(s, "id");
      }
    }
  }
  if (!pair_id.empty()) {
    val pair = report.call<val>("get", pair_id);
    if (!pair.isUndefined()) {
      const double rtt = number_or(pair, "currentRoundTripTime", -1);
      st.rtt_ms = rtt < 0 ? -1 : rtt * 1000.0;
      st.available_outgoing_bitrate = number_or(pair, "availableOutgoingBitrate", -1);
      val local = report.call<val>("get", string_or(pair, "localCandidateId"));
      st.candidate_type = string_or(local, "candidateType");
      val remote = report.call<val>("get", string_or(pair, "remoteCandidateId"));
      st.remote_candidate_type = string_or(remote, "candidateType");
    }
  }
  cb_.on_event(session::peer_stats{call_id, st});
}

void peer_connections::handle_failure(std::uint64_t call_id, const val& error) {
  if (!find(call_id)) return;
  fail(call_id, string_or(error, "name", "Error") + ": " + string_or(error, "message"));
}

void peer_connections::fail(std::uint64_t call_id, const std::string& what) {
  std::fprintf(stderr, "[novatalk] call %llu: %s\n", static_cast<unsigned long long>(call_id),
               what.c_str());
  if (cb_.on_event) cb_.on_event(session::peer_error{call_id, what});
}

}  // namespace novatalk::client
