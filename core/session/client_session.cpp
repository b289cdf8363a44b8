// The client session's transitions. The race rules rest on one fact: the server answers each
// connection in FIFO order, so anything that arrives for a call we already left is stale.
#include "core/session/client_session.hpp"

#include <algorithm>
#include <type_traits>
#include <utility>

#include "core/protocol/codec.hpp"

namespace novatalk::session {
namespace {

// A hostile stranger could flood candidates before its description: keep a bounded number.
constexpr std::size_t max_pending_candidates = 64;
// A held call's handshake while the socket is down: an (ICE restart) offer or answer and its
// candidates. More than this in one outage is not a handshake worth keeping.
constexpr std::size_t max_outbox = 64;

// A draining server closes with 1001 and "retry:<ms>" (protocol.md); anything else, or a number
// that is not 1 to 9 plain digits, is no hint and the backoff decides.
std::optional<std::chrono::milliseconds> drain_hint(const socket_closed& e) {
  static constexpr char prefix[] = "retry:";
  constexpr std::size_t prefix_len = sizeof(prefix) - 1;
  if (e.code != 1001 || e.reason.compare(0, prefix_len, prefix) != 0) return std::nullopt;
  const std::string digits = e.reason.substr(prefix_len);
  if (digits.empty() || digits.size() > 9) return std::nullopt;
  long long ms = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    ms = ms * 10 + (c - '0');
  }
  return std::chrono::milliseconds{ms};
}

nlohmann::json to_json(const std::vector<std::string>& v) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& s : v) a.push_back(s);
  return a;
}

void page_event(actions& out, std::string name, nlohmann::json fields = nlohmann::json::object()) {
  out.push_back(emit_page_event{std::move(name), std::move(fields)});
}

}  // namespace

client_session::client_session(session_config cfg, std::function<double()> unit_random)
    : config_(std::move(cfg)), unit_random_(std::move(unit_random)), backoff_(config_.reconnect) {
  // A bad id would make the server refuse every join: better no partner than no chat.
  if (!config_.partner.empty() && !protocol::valid_partner(config_.partner)) config_.partner.clear();
}

actions client_session::handle(const event& e) {
  actions out;
  if (!on_prepared(e, out)) std::visit([&](const auto& ev) { on(ev, out); }, e);
  reconcile_prepared(out);  // whatever the event changed: a prepared offer only while queued
  return out;
}

// --- Person ------------------------------------------------------------------------------------

void client_session::on(const page_loaded&, actions& out) {
  if (socket_ == socket_state::closed) {
    if (offline_) {
      socket_ = socket_state::reconnecting;  // opens when the browser is back online
    } else {
      socket_ = socket_state::connecting;
      out.push_back(open_socket{config_.signal_url});
    }
  }
  out.push_back(list_devices{});
  page_event(out, "ready");
}

void client_session::on(const ui_start& e, actions& out) {
  if (screen_ != screen::idle && screen_ != screen::media_blocked) return;
  if (banned()) {
    refuse_while_banned(out);  // the server would refuse the join: no camera asked, no search
    return;
  }
  if (e.mode) on(ui_set_mode{*e.mode}, out);
  // Said before searching, not discovered as a failed call: relay mode without a relay would
  // never connect.
  if (relay_only_ && welcomed_ && !turn_available_) {
    refuse_relay_without_turn(out);
    return;
  }
  if (e.interests) set_interests(*e.interests);
  media_error_.clear();
  // Text mode never asks for a camera; a preview already holds the camera and microphone.
  if (mode_ == protocol::chat_mode::text || (has_audio_ || has_video_)) {
    enter_searching(out);
    return;
  }
  screen_ = screen::acquiring_media;
  preview_ = false;
  out.push_back(request_media{camera_id_, microphone_id_});
}

void client_session::on(const ui_set_mode& e, actions& out) {
  if (screen_ != screen::idle && screen_ != screen::media_blocked) return;
  if (e.mode == mode_) return;
  mode_ = e.mode;
  if (mode_ == protocol::chat_mode::text) {
    // The camera light goes off: text mode must not hold a camera it does not use.
    if (has_audio_ || has_video_ || preview_) out.push_back(release_media{});
    has_audio_ = has_video_ = preview_ = false;
    if (screen_ == screen::media_blocked) screen_ = screen::idle;
  }
  page_event(out, "mode", {{"mode", protocol::to_string(mode_)}});
}

void client_session::on(const ui_set_interests& e, actions&) { set_interests(e.interests); }

void client_session::on(const ui_set_relay_only& e, actions& out) {
  if (screen_ != screen::idle && screen_ != screen::media_blocked) return;
  if (relay_only_ == e.relay_only) return;
  relay_only_ = e.relay_only;
  page_event(out, "privacy", {{"relay", relay_only_}});
}

void client_session::on(const ui_preview&, actions& out) {
  // Idempotent: the landing screen may ask on every frame.
  if (screen_ != screen::idle || mode_ != protocol::chat_mode::video) return;
  if (preview_ || has_audio_ || has_video_) return;
  preview_ = true;
  out.push_back(request_media{camera_id_, microphone_id_});
}

void client_session::on(const ui_select_device& e, actions& out) {
  std::string& chosen = e.kind == track_kind::video ? camera_id_ : microphone_id_;
  if (chosen == e.device_id) return;
  chosen = e.device_id;
  const bool held = e.kind == track_kind::video ? has_video_ : has_audio_;
  if (held) out.push_back(switch_device{e.kind, e.device_id});
}

void client_session::on(const ui_next&, actions& out) {
  if (!in_call_screen()) return;
  close_call(out);
  screen_ = screen::searching;
  // `next` leaves the stranger and queues us again in one step; before the socket is back,
  // the join on reconnect does the same (after `resume`, when the server kept our pairing: the
  // stranger is then told `next`, not left waiting for the grace window).
  if (socket_ == socket_state::open && joined_) {
    send_skip(protocol::next{}, out);
  } else {
    send_join(out);
  }
  page_event(out, "searching");
}

void client_session::on(const ui_stop&, actions& out) {
  if (screen_ == screen::idle) return;
  close_call(out);
  pending_skip_.reset();  // `leave` ends the pairing a held `next` would have ended
  deferred_report_.reset();
  if (joined_ && socket_ == socket_state::open) send(protocol::leave{}, out);
  joined_ = false;  // while away, the `leave` goes out once the pairing is resumed
  if (screen_ == screen::acquiring_media) {
    // Cancels the permission request still in flight.
    out.push_back(release_media{});
    has_audio_ = has_video_ = false;
  }
  // Otherwise the camera stays on for the landing screen's self-view, as it was before Start.
  preview_ = has_audio_ || has_video_;
  banner_until_ = time_point{0};
  screen_ = screen::idle;
  page_event(out, "stopped");
}

void client_session::on(const ui_continue_without_media&, actions& out) {
  if (screen_ != screen::media_blocked) return;
  has_audio_ = has_video_ = false;
  enter_searching(out);
}

void client_session::on(const ui_toggle_mic&, actions& out) {
  mic_on_ = !mic_on_;
  if (has_audio_) out.push_back(set_track_enabled{track_kind::audio, mic_on_});
  send_media_state(out);  // "Stranger's microphone is off"
}

void client_session::on(const ui_toggle_camera&, actions& out) {
  camera_on_ = !camera_on_;
  if (has_video_) out.push_back(set_track_enabled{track_kind::video, camera_on_});
  send_media_state(out);  // "Stranger's camera is off"
}

// --- Camera and microphone -------------------------------------------------------------------

void client_session::on(const media_granted& e, actions& out) {
  const bool for_preview = screen_ == screen::idle && preview_;
  if (screen_ != screen::acquiring_media && !for_preview) return;  // stopped: already released
  has_audio_ = e.has_audio;
  has_video_ = e.has_video;
  // Toggles survive a stop/start: a fresh stream must follow them.
  if (has_audio_ && !mic_on_) out.push_back(set_track_enabled{track_kind::audio, false});
  if (has_video_ && !camera_on_) out.push_back(set_track_enabled{track_kind::video, false});
  out.push_back(list_devices{});  // labels appear once a permission is granted
  if (!for_preview) enter_searching(out);
}

void client_session::on(const media_denied& e, actions& out) {
  const bool for_preview = screen_ == screen::idle && preview_;
  if (screen_ != screen::acquiring_media && !for_preview) return;
  media_error_ = e.reason.empty() ? "NotAllowedError" : e.reason;
  // A refused preview is remembered (preview_ stays set, so the landing screen does not ask
  // again and again); Start asks once more and shows the choices.
  if (!for_preview) screen_ = screen::media_blocked;
  page_event(out, "error", {{"code", "media_denied"}, {"message", media_error_}});
  // A refusal (not a missing or busy device) also gets its own event, saying who can fix it.
  if (e.blocked_by_policy) {
    page_event(out, "permission_denied",
               {{"reason", media_error_},
                {"policy", true},
                {"message",
                 "camera and microphone are blocked in this frame: the page embedding NovaTalk "
                 "must add allow=\"camera; microphone\" to its iframe"}});
  } else if (media_error_ == "NotAllowedError" || media_error_ == "SecurityError") {
    page_event(out, "permission_denied",
               {{"reason", media_error_},
                {"policy", false},
                {"message", "camera or microphone access was refused in the browser"}});
  }
}

void client_session::on(const devices_listed& e, actions& out) {
  cameras_ = e.cameras;
  microphones_ = e.microphones;
  // An unplugged device falls back to the browser's default.
  auto listed = [](const std::vector<media_device>& list, const std::string& id) {
    return std::any_of(list.begin(), list.end(), [&](const auto& d) { return d.id == id; });
  };
  if (!camera_id_.empty() && !listed(cameras_, camera_id_)) camera_id_.clear();
  if (!microphone_id_.empty() && !listed(microphones_, microphone_id_)) microphone_id_.clear();
  auto to_json_list = [](const std::vector<media_device>& list) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& d : list) a.push_back({{"deviceId", d.id}, {"label", d.label}});
    return a;
  };
  page_event(out, "devices",
             {{"cameras", to_json_list(cameras_)}, {"microphones", to_json_list(microphones_)}});
}

void client_session::on(const device_switched& e, actions& out) {
  if (e.ok) {
    // The new track starts enabled: apply the person's mute / camera-off choice to it.
    const bool on = e.kind == track_kind::video ? camera_on_ : mic_on_;
    if (!on) out.push_back(set_track_enabled{e.kind, false});
    page_event(out, "device", {{"kind", to_string(e.kind)}, {"ok", true}});
    return;
  }
  set_notice(e.kind == track_kind::video ? notice_id::camera_failed : notice_id::microphone_failed);
  page_event(out, "device", {{"kind", to_string(e.kind)}, {"ok", false}, {"reason", e.reason}});
}

// --- Signaling socket ----------------------------------------------------------------------------

void client_session::on(const socket_opened&, actions& out) {
  if (socket_ != socket_state::connecting) return;
  socket_ = socket_state::open;
  backoff_.reset();
  closes_ = 0;
  skip_sent_ = false;  // the server's `next` interval is per connection
  // The server kept our pairing: take it back first, whatever the person did meanwhile (the
  // answer decides what follows: on_server(resumed), resume_failed()).
  if (away_) {
    resuming_ = true;
    send(protocol::resume{resume_token_}, out);
    return;
  }
  // The server forgot us with the old connection: whoever was searching searches again.
  if (screen_ == screen::searching) send_join(out);
}

void client_session::on(const socket_closed& e, actions& out) {
  if (socket_ != socket_state::connecting && socket_ != socket_state::open) return;
  joined_ = false;
  welcomed_ = false;
  server_queues_offers_ = false;  // the next server may be another (older) one
  resuming_ = false;
  pending_skip_.reset();  // a new connection: the resume or join on it settles the pairing
  // With a resume token the server keeps our pairing for a grace window, and the call is
  // peer-to-peer: it goes on while we reconnect. Without one the server tells the stranger we
  // disconnected: the call is over.
  away_ = !resume_token_.empty();
  if (in_call_screen() && !away_) {
    close_call(out);
    screen_ = screen::searching;
    page_event(out, "partner_left", {{"reason", "disconnect"}});
    page_event(out, "searching");
  }
  schedule_reconnect(e, out);
}

void client_session::schedule_reconnect(const socket_closed& e, actions& out) {
  socket_ = socket_state::reconnecting;
  ++closes_;
  nlohmann::json fields = {{"attempt", closes_}, {"code", e.code}, {"call_kept", call_held()}};
  if (offline_) {
    // No attempt while the browser is offline: network_online opens at once.
    fields["delay_ms"] = -1;
    fields["offline"] = true;
    page_event(out, "reconnecting", std::move(fields));
    return;
  }
  // A draining server spreads its clients over its hint; the backoff is for failures.
  const auto hint = drain_hint(e);
  const auto delay = hint ? reconnect::jittered(std::min(*hint, config_.drain_retry_max),
                                                unit_random_())
                          : backoff_.next_delay(unit_random_());
  next_retry_at_ = now_ + delay;
  fields["delay_ms"] = delay.count();
  fields["offline"] = false;
  if (hint) fields["drain"] = true;
  page_event(out, "reconnecting", std::move(fields));
}

void client_session::on(const network_offline&, actions&) { offline_ = true; }

void client_session::on(const network_online&, actions& out) {
  if (!offline_) return;
  offline_ = false;
  if (socket_ != socket_state::reconnecting) return;
  // Back online: try at once, and from the first backoff window (the failures were offline).
  backoff_.reset();
  socket_ = socket_state::connecting;
  out.push_back(open_socket{config_.signal_url});
}

void client_session::on(const socket_message& e, actions& out) {
  if (socket_ != socket_state::open) return;
  std::visit([&](const auto& m) { on_server(m, out); }, e.message);
}

// --- Server messages -----------------------------------------------------------------------------

void client_session::on_server(const protocol::welcome& m, actions& out) {
  online_ = m.online;
  set_ice_servers(m.ice_servers_json);
  welcomed_ = true;
  server_queues_offers_ = m.queued_offer;
  if (screen_ != screen::searching || joined_) return;
  if (relay_only_ && !turn_available_) {
    refuse_relay_without_turn(out);
    return;
  }
  send_join(out);  // relay mode held it back until now
}

void client_session::refuse_relay_without_turn(actions& out) {
  screen_ = screen::idle;
  set_notice(notice_id::relay_missing);
  page_event(out, "error",
             {{"code", "relay_unavailable"},
              {"message", "Hide my IP is on but the server offers no TURN relay"}});
}

// Fresh TURN credentials: the next peer connection uses them (a running call keeps its path).
void client_session::on_server(const protocol::ice_servers& m, actions&) {
  set_ice_servers(m.ice_servers_json);
}

void client_session::on_server(const protocol::online& m, actions&) { online_ = m.count; }

void client_session::set_ice_servers(const std::string& json) {
  ice_servers_json_ = json;
  turn_available_ = false;
  const auto list = nlohmann::json::parse(json, nullptr, false);
  if (!list.is_array()) return;
  const auto is_turn = [](const nlohmann::json& u) {
    if (!u.is_string()) return false;
    const auto& s = u.get_ref<const std::string&>();
    return s.rfind("turn:", 0) == 0 || s.rfind("turns:", 0) == 0;
  };
  for (const auto& server : list) {
    if (!server.is_object() || !server.contains("urls")) continue;
    const auto& urls = server["urls"];
    if (is_turn(urls)) turn_available_ = true;
    if (urls.is_array()) {
      for (const auto& u : urls) turn_available_ = turn_available_ || is_turn(u);
    }
  }
}

void client_session::on_server(const protocol::matched& m, actions& out) {
  // After stop (leave in flight) a match is stale; the server pairs the stranger elsewhere.
  if (!joined_ || (screen_ != screen::searching && !in_call_screen())) return;
  // A match while in a call: the server has already dissolved the old one (a stop/start
  // within one round trip), so the old call is the stale one.
  close_call(out);
  resume_token_ = m.resume_token;  // "" from a server without resume: a dropped socket ends the call
  // The connection prepared while queued carries on as the initiator's call; a responder answers
  // the stranger's offer on a new one (the prepared one holds an offer of its own).
  const bool adopt = prep_call_ != 0 && m.my_role == protocol::role::initiator;
  if (!adopt) drop_prepared(out);
  prep_failed_ = false;
  call_id_ = adopt ? prep_call_ : ++last_call_id_;
  role_ = m.my_role;
  common_ = m.common;
  fell_back_ = !interests_.empty() && common_.empty();
  // A new stranger: the transcript of the last one goes (it stayed readable until now).
  transcript_.clear();
  reset_call_extras();
  peer_ = peer_state::fresh;
  remote_applied_ = local_sent_ = false;
  relay_retry_ = false;
  turn_refusal_reported_ = false;
  pending_remote_.clear();
  if (!adopt) pending_local_.clear();  // the prepared connection's candidates stay with it
  connect_deadline_ = now_ + config_.connect_timeout;
  banner_until_ = time_point{0};
  screen_ = screen::connecting;
  if (adopt) {
    adopt_prepared(m.offer_sent, out);
  } else {
    out.push_back(create_peer{call_id_, m.my_role, ice_servers_json_,
                              mode_ == protocol::chat_mode::video, relay_only_});
  }
  page_event(out, "matched",
             {{"common", to_json(common_)}, {"role", protocol::to_string(m.my_role)}});
}

void client_session::on_server(const protocol::webrtc_offer& m, actions& out) {
  // Dropped while searching: it belongs to the stranger we just left (FIFO). The initiator
  // never takes an offer, so glare cannot happen. A second offer is the initiator's ICE
  // restart: the adapter answers it like the first.
  if (!in_call_screen() || role_ != protocol::role::responder) return;
  // A second offer before we ever connected: the initiator gave up on the direct path and
  // offers again from a relay-only connection (new ICE and DTLS identity): a new connection
  // of ours must take it.
  if (screen_ == screen::connecting && remote_applied_ && !relay_retry_) {
    retry_via_relay(out);
  }
  if (remote_applied_ && !local_sent_) return;  // still answering the previous one
  if (remote_applied_) local_sent_ = false;     // the restart's answer goes out like the first
  apply_remote(sdp_type::offer, m.sdp, out);
}

void client_session::on_server(const protocol::webrtc_answer& m, actions& out) {
  if (!in_call_screen() || role_ != protocol::role::initiator || !awaiting_answer_) return;
  awaiting_answer_ = false;
  apply_remote(sdp_type::answer, m.sdp, out);
}

void client_session::on_server(const protocol::webrtc_ice_candidate& m, actions& out) {
  if (!in_call_screen()) return;
  if (!remote_applied_) {
    if (pending_remote_.size() < max_pending_candidates) pending_remote_.push_back(m);
    return;
  }
  out.push_back(add_remote_candidate{call_id_, m.candidate});
}

void client_session::on_server(const protocol::partner_left& m, actions& out) {
  resume_token_.clear();  // whoever left, the pairing is over
  // The stranger left before our held `next` went out: the server queues nobody by itself,
  // and a join (not rate limited) does what the `next` would have done.
  if (pending_skip_ && !in_call_screen()) {
    pending_skip_.reset();
    joined_ = false;
    if (screen_ == screen::searching) send_join(out);
    return;
  }
  // While searching this is the stranger we already left with `next`: we are queued already.
  if (!in_call_screen()) return;
  close_call(out);
  banner_until_ = now_ + config_.partner_left_banner;
  joined_ = false;  // the server does not queue us again by itself
  page_event(out, "partner_left", {{"reason", protocol::to_string(m.reason)}});
  enter_searching(out);
}

void client_session::on_server(const protocol::error& m, actions& out) {
  if (m.code == protocol::error_code::banned) {
    // Not queued: no search until the ban ends. A call in progress goes on (the server lets
    // it); when it ends, enter_searching refuses. The landing screen says why and how long.
    const bool already = banned();
    banned_until_ = now_ + std::chrono::seconds(std::max<std::uint64_t>(m.retry_after, 1));
    joined_ = false;
    page_event(out, "error", {{"code", protocol::to_string(m.code)}, {"message", m.message}});
    if (screen_ == screen::searching) {
      refuse_while_banned(out);
    } else if (!already) {
      page_event(out, "banned", {{"retry_after", ban_seconds_left()}});
    }
    return;
  }
  last_error_ = m.message;
  page_event(out, "error", {{"code", protocol::to_string(m.code)}, {"message", m.message}});
  // The answer to our `resume`: refused, or (bad_message) a server that knows no resume.
  if (resuming_ && (m.code == protocol::error_code::resume_failed ||
                    m.code == protocol::error_code::bad_message)) {
    resume_failed(out);
    return;
  }
  // In a call, "not matched" means the match was stale (partner_left arrives before it
  // otherwise): `next` queues us afresh whatever the server thinks we are.
  if (m.code == protocol::error_code::not_matched && in_call_screen()) {
    close_call(out);
    screen_ = screen::searching;
    send_skip(protocol::next{}, out);
    page_event(out, "searching");
  }
}

void client_session::on_server(const protocol::resumed&, actions& out) {
  if (!resuming_) return;  // we asked for nothing on this socket
  resuming_ = away_ = false;
  resume_token_.clear();  // spent: a fresh one follows
  joined_ = true;         // the pairing is this connection's again
  if (in_call_screen()) {
    // The same stranger: what our browser said meanwhile goes out now, in order.
    for (auto& m : outbox_) send(std::move(m), out);
    outbox_.clear();
    page_event(out, "resumed");
    return;
  }
  // The person ended that call while we were away: now the stranger can be told.
  if (screen_ == screen::searching) {
    if (deferred_report_) {
      const auto reason = *deferred_report_;
      deferred_report_.reset();
      send_skip(protocol::report{reason}, out);  // ends it like `next` and queues us
    } else {
      joined_ = false;
      send_join(out);  // a join while paired leaves the stranger (`next`) and queues us
    }
  } else {
    send(protocol::leave{}, out);
    joined_ = false;
  }
}

void client_session::on_server(const protocol::resume_token& m, actions&) {
  // Refreshes the token of the call we are in; one for a pairing we already left is useless.
  if (in_call_screen() && !away_) resume_token_ = m.token;
}

void client_session::resume_failed(actions& out) {
  resuming_ = away_ = false;
  resume_token_.clear();
  outbox_.clear();
  deferred_report_.reset();  // nobody left to report: the pairing is gone
  joined_ = false;
  if (in_call_screen()) {
    // The server told the stranger we left (or the pairing was over anyway): as partner_left.
    close_call(out);
    banner_until_ = now_ + config_.partner_left_banner;
    page_event(out, "partner_left", {{"reason", "disconnect"}});
    enter_searching(out);
  } else if (screen_ == screen::searching) {
    send_join(out);
  }
}

// --- Peer connection ----------------------------------------------------------------------------

void client_session::on(const peer_local_description& e, actions& out) {
  if (!current_call(e.call_id) || local_sent_) return;
  const bool expected = (role_ == protocol::role::initiator && e.type == sdp_type::offer) ||
                        (role_ == protocol::role::responder && e.type == sdp_type::answer);
  if (!expected) return;
  if (e.type == sdp_type::offer) {
    send(protocol::webrtc_offer{e.sdp}, out);
    awaiting_answer_ = true;
  } else {
    send(protocol::webrtc_answer{e.sdp}, out);
  }
  local_sent_ = true;
  // Candidates gathered before the description went out follow it, in order.
  for (auto& c : pending_local_) send(std::move(c), out);
  pending_local_.clear();
}

void client_session::on(const peer_local_candidate& e, actions& out) {
  if (!current_call(e.call_id)) return;
  protocol::webrtc_ice_candidate m{e.candidate};
  if (!local_sent_) {
    pending_local_.push_back(std::move(m));
    return;
  }
  send(std::move(m), out);
}

void client_session::on(const peer_connection_state& e, actions& out) {
  if (!current_call(e.call_id)) return;
  peer_ = e.state;
  switch (e.state) {
    case peer_state::connected:
      if (screen_ == screen::connecting) {
        screen_ = screen::in_call;
        page_event(out, "connected");
      } else if (restarting_) {
        restarting_ = false;
        page_event(out, "connected", {{"restarted", true}});
      }
      break;
    case peer_state::disconnected:
    case peer_state::failed:
      // A call that was up lost its path (Wi-Fi to mobile, a NAT rebinding): an ICE restart
      // finds a new one. One try; if the stranger is really gone the server says so first.
      if (screen_ == screen::in_call && !restarting_) {
        start_ice_restart(out);
      } else if (e.state == peer_state::failed && can_retry_via_relay()) {
        retry_via_relay(out);  // the direct path failed: once more, through the relay
      } else if (e.state == peer_state::failed) {
        // ICE failed before it ever connected, or again during the restart: give up on them.
        leave_and_search("failed", out);
      }
      break;
    default:
      break;
  }
}

void client_session::on(const peer_error& e, actions& out) {
  if (!current_call(e.call_id)) return;
  last_error_ = e.message;
  page_event(out, "error", {{"code", "peer_error"}, {"message", e.message}});
  leave_and_search("failed", out);
}

// The relay refused the login the server handed out. Said once per call, so a partner site (and
// the person, in Hide my IP mode, where the call cannot connect without it) learns why; the call
// itself carries on (a direct path may still work) and fails or times out on its own otherwise.
void client_session::on(const peer_ice_server_error& e, actions& out) {
  if (!current_call(e.call_id) || e.code != 401 || turn_refusal_reported_) return;
  turn_refusal_reported_ = true;
  if (relay_only_ || relay_retry_)
    set_notice(notice_id::relay_refused);
  page_event(out, "error",
             {{"code", "relay_auth_failed"},
              {"message", "The TURN relay refused the credentials it was given (401)"}});
}

// --- Time ----------------------------------------------------------------------------------------

void client_session::on(const tick& e, actions& out) {
  now_ = e.now;
  if (notice_ != notice_id::none && now_ >= notice_until_) notice_ = notice_id::none;
  chat_tick(out);
  if (socket_ == socket_state::reconnecting && !offline_ && now_ >= next_retry_at_) {
    socket_ = socket_state::connecting;
    out.push_back(open_socket{config_.signal_url});
  }
  if (pending_skip_ && socket_ == socket_state::open &&
      now_ >= last_skip_at_ + config_.next_interval) {
    auto m = std::move(*pending_skip_);
    pending_skip_.reset();
    send_skip(std::move(m), out);
  }
  if (screen_ == screen::connecting && now_ >= connect_deadline_) {
    // Matched but never connected (stranger vanished before answering, unreachable network):
    // through the relay once if there is one, then give up. Both sides time out together.
    if (can_retry_via_relay()) {
      retry_via_relay(out);
    } else {
      leave_and_search("timeout", out);
    }
  }
  if (restarting_ && now_ >= restart_deadline_) leave_and_search("failed", out);
  if (stranger_closed_deadline_ && now_ >= *stranger_closed_deadline_ && in_call_screen())
    leave_and_search("disconnect", out);
}

// --- Helpers -------------------------------------------------------------------------------------

bool client_session::can_retry_via_relay() const {
  return screen_ == screen::connecting && !relay_only_ && !relay_retry_ && turn_available_;
}

void client_session::retry_via_relay(actions& out) {
  relay_retry_ = true;
  out.push_back(close_peer{call_id_});
  // A new call id: late events of the direct attempt must not reach the new connection.
  call_id_ = ++last_call_id_;
  peer_ = peer_state::fresh;
  remote_applied_ = local_sent_ = awaiting_answer_ = false;
  pending_remote_.clear();
  pending_local_.clear();
  reset_call_extras();
  connect_deadline_ = now_ + config_.connect_timeout;
  set_notice(notice_id::relay_retry);
  // Only our relay candidates from here on: the stranger learns no more of our address. The
  // initiator offers again; the responder waits for that offer.
  out.push_back(create_peer{call_id_, *role_, ice_servers_json_,
                            mode_ == protocol::chat_mode::video, /*relay_only=*/true});
  page_event(out, "relay_retry");
}

void client_session::start_ice_restart(actions& out) {
  restarting_ = true;
  restart_deadline_ = now_ + config_.ice_restart_timeout;
  // Only the initiator offers, as at the start, so the two never restart at once (no glare).
  if (role_ == protocol::role::initiator) {
    // New candidates wait for the new offer (they carry its ufrag), as at the start.
    local_sent_ = false;
    awaiting_answer_ = false;
    out.push_back(restart_ice{call_id_});
  }
  page_event(out, "reconnecting_peer");
}

void client_session::leave_and_search(const char* reason, actions& out) {
  const bool was_connected = screen_ == screen::in_call;
  close_call(out);
  screen_ = screen::searching;
  if (socket_ == socket_state::open && joined_) send_skip(protocol::next{}, out);
  set_notice(was_connected ? notice_id::stranger_lost : notice_id::stranger_unreachable);
  page_event(out, "partner_left", {{"reason", reason}});
  page_event(out, "searching");
}

void client_session::refuse_while_banned(actions& out) {
  screen_ = screen::idle;
  preview_ = has_audio_ || has_video_;  // the camera stays for the landing screen's self-view
  banner_until_ = time_point{0};
  page_event(out, "banned", {{"retry_after", ban_seconds_left()}});
}

void client_session::enter_searching(actions& out) {
  if (banned()) {
    refuse_while_banned(out);
    return;
  }
  if (relay_only_ && welcomed_ && !turn_available_) {
    refuse_relay_without_turn(out);  // e.g. the welcome came while the camera was being asked
    return;
  }
  screen_ = screen::searching;
  send_join(out);
  page_event(out, "searching");
}

void client_session::send_join(actions& out) {
  if (socket_ != socket_state::open || joined_) return;  // joins on socket_opened instead
  if (away_) return;  // the answer to our `resume` comes first, then the join
  // Relay mode waits for the welcome: only its iceServers say whether a relay exists.
  if (relay_only_ && !welcomed_) return;
  send(protocol::join{interests_, mode_, config_.partner}, out);
  joined_ = true;
}

void client_session::close_call(actions& out) {
  if (call_id_ == 0) return;
  out.push_back(close_peer{call_id_});
  call_id_ = 0;
  stranger_closed_deadline_.reset();
  role_.reset();
  common_.clear();
  fell_back_ = false;
  peer_ = peer_state::closed;
  restarting_ = awaiting_answer_ = false;
  reset_call_extras();
  remote_applied_ = local_sent_ = false;
  pending_remote_.clear();
  pending_local_.clear();
  outbox_.clear();
}

void client_session::apply_remote(sdp_type type, const std::string& sdp, actions& out) {
  out.push_back(apply_remote_description{call_id_, type, sdp});
  remote_applied_ = true;
  // The browser chains these after the description (RTCPeerConnection's operations chain).
  for (auto& c : pending_remote_) out.push_back(add_remote_candidate{call_id_, c.candidate});
  pending_remote_.clear();
}

void client_session::set_interests(const std::vector<std::string>& raw) {
  // Normalised, unique and bounded here, so the server never has to refuse our join.
  interests_.clear();
  for (const auto& r : raw) {
    std::string tag = protocol::normalize_interest(r);
    if (tag.empty() || interests_.size() >= protocol::max_interests) continue;
    if (std::find(interests_.begin(), interests_.end(), tag) == interests_.end()) {
      interests_.push_back(std::move(tag));
    }
  }
}

void client_session::set_notice(notice_id n) {
  notice_ = n;
  notice_until_ = now_ + config_.notice_duration;
}

void client_session::send(protocol::client_message m, actions& out) {
  if (away_ && protocol::is_relay(m)) {
    // The held call's handshake waits for `resumed`: before it the server has no stranger for
    // us (not_matched), and a socket that is down would lose it.
    if (outbox_.size() < max_outbox) outbox_.push_back(std::move(m));
    return;
  }
  // Whatever ends our side of a pairing spends its resume token.
  if (std::holds_alternative<protocol::join>(m) || std::holds_alternative<protocol::next>(m) ||
      std::holds_alternative<protocol::leave>(m) || std::holds_alternative<protocol::report>(m)) {
    resume_token_.clear();
  }
  out.push_back(send_message{std::move(m)});
}

void client_session::send_skip(protocol::client_message m, actions& out) {
  if (skip_sent_ && now_ < last_skip_at_ + config_.next_interval) {
    pending_skip_ = std::move(m);  // on_tick sends it; a later one replaces it
    return;
  }
  pending_skip_.reset();
  skip_sent_ = true;
  last_skip_at_ = now_;
  send(std::move(m), out);
}

}  // namespace novatalk::session
