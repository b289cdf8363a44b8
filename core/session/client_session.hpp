// The browser client's session state machine, platform-free: events in, actions out. The browser
// adapters (wasm/) execute the actions and report events; clock and randomness are injected.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/chat/peer_message.hpp"
#include "core/chat/typing_indicator.hpp"
#include "core/protocol/messages.hpp"
#include "core/quality/quality_meter.hpp"
#include "core/reconnect/backoff.hpp"
#include "core/session/session_actions.hpp"
#include "core/session/session_events.hpp"
#include "core/session/session_states.hpp"

namespace novatalk::session {

// The connection-quality badge and what it was judged from (core/quality/quality_meter.hpp).
struct call_quality {
  quality::quality_level level = quality::quality_level::unknown;
  double rtt_ms = -1;          // -1: not known
  double loss_pct = -1;        // inbound, over the last few seconds
  double bitrate_kbps = -1;    // available outgoing bitrate
  bool relayed = false;        // either end of the selected candidate pair is a TURN relay
  std::string candidate_type;  // our end: host, srflx, prflx, relay
};

struct session_config {
  std::string signal_url;                                // ws: or wss: URL of the signaling server
  std::chrono::milliseconds partner_left_banner{3000};   // how long "Stranger has left" shows
  std::chrono::milliseconds connect_timeout{20000};      // matched but ICE never connected: next
  std::chrono::milliseconds ice_restart_timeout{10000};  // disconnected, restart did not help: next
  std::chrono::milliseconds notice_duration{5000};       // how long notice() shows
  reconnect::backoff_config reconnect;                   // signaling socket reconnect policy
  // The server allows one `next` (or `report`) per --next-interval-ms (1000) per connection; we
  // space ours a little wider, so network jitter cannot bunch two into one interval.
  std::chrono::milliseconds next_interval{1200};
  std::chrono::milliseconds drain_retry_max{60000};  // a larger `retry:<ms>` hint is cut to this
  // The stranger's data channel closed: how long the server's `partner_left` (which says why:
  // next, leave) may take before we leave on our own (`disconnect`). Far below the resume grace.
  std::chrono::milliseconds stranger_closed_wait{2000};
  // The embedding partner's id (URL parameter `partner`), sent in every join for per-partner
  // counts; an id the protocol would refuse (protocol::valid_partner) is dropped, not sent.
  std::string partner;
};

class client_session {
 public:
  // `unit_random` returns a number in [0, 1): the jitter of the reconnect backoff.
  client_session(session_config cfg, std::function<double()> unit_random);

  // Feeds one event; returns what the adapter must do, in order.
  actions handle(const event& e);

  // --- What the UI shows -----------------------------------------------------------------------
  screen current_screen() const { return screen_; }
  socket_state socket() const { return socket_; }
  unsigned reconnect_attempt() const { return closes_; }  // closes since the last open, 0 when open
  bool offline() const { return offline_; }  // navigator.onLine is false: no attempts until online
  // The socket dropped during a call the server keeps for us (we hold a resume token): the call
  // goes on peer to peer while we reconnect and resume. The UI shows a small notice.
  bool call_held() const { return away_ && in_call_screen(); }
  // A `next` (or `report`) waits for the server's interval since the previous one.
  bool skip_pending() const { return pending_skip_.has_value(); }
  time_point next_retry_at() const { return next_retry_at_; }
  time_point now() const { return now_; }
  bool partner_left_banner() const { return now_ < banner_until_; }
  std::uint64_t online_count() const { return online_; }
  const std::vector<std::string>& common_interests() const { return common_; }
  const std::vector<std::string>& interests() const { return interests_; }
  const std::string& media_error() const { return media_error_; }
  bool has_local_audio() const { return has_audio_; }
  bool has_local_video() const { return has_video_; }
  bool mic_on() const { return mic_on_; }
  bool camera_on() const { return camera_on_; }
  peer_state peer() const { return peer_; }
  protocol::chat_mode mode() const { return mode_; }
  bool relay_only() const { return relay_only_; }
  // The server offered a TURN relay (a turn: or turns: URL in iceServers): relay mode can work.
  bool turn_available() const { return turn_available_; }
  bool common_fell_back() const { return fell_back_; }
  notice_id notice() const { return notice_; }  // none, or what to show for a while
  bool ice_restarting() const { return restarting_; }
  const std::vector<media_device>& cameras() const { return cameras_; }
  const std::vector<media_device>& microphones() const { return microphones_; }
  const std::string& selected_camera() const { return camera_id_; }
  const std::string& selected_microphone() const { return microphone_id_; }
  // Text chat of the current stranger; cleared at every new stranger.
  const std::vector<chat_line>& transcript() const { return transcript_; }
  bool chat_ready() const { return channel_open_; }
  bool stranger_typing() const;
  bool stranger_mic_off() const { return stranger_mic_off_; }
  bool stranger_camera_off() const { return stranger_camera_off_; }
  const call_quality& quality() const { return quality_; }
  std::uint64_t call_id() const { return call_id_; }  // 0 when there is no call
  // The peer connection made while waiting in the queue (docs/client.md, "Queued offer"); 0
  // when there is none. It becomes the call when we are matched as the initiator.
  std::uint64_t prepared_call_id() const { return prep_call_; }
  // The peer connection that carries our camera and microphone: the call's, else the prepared one.
  std::uint64_t media_call_id() const { return call_id_ != 0 ? call_id_ : prep_call_; }
  std::optional<protocol::role> my_role() const { return role_; }
  const std::string& last_error() const { return last_error_; }
  // The server banned this address after reports (error `banned`): no search until it ends.
  bool banned() const { return now_ < banned_until_; }
  std::int64_t ban_seconds_left() const {
    return banned() ? (banned_until_ - now_ + std::chrono::milliseconds(999)).count() / 1000 : 0;
  }

 private:
  // One handler per event family; each appends to `out`.
  void on(const page_loaded&, actions& out);
  void on(const ui_start& e, actions& out);
  void on(const ui_next&, actions& out);
  void on(const ui_stop&, actions& out);
  void on(const ui_continue_without_media&, actions& out);
  void on(const ui_toggle_mic&, actions& out);
  void on(const ui_toggle_camera&, actions& out);
  void on(const ui_set_mode& e, actions& out);
  void on(const ui_set_relay_only& e, actions& out);
  void on(const ui_set_interests& e, actions& out);
  void on(const ui_preview&, actions& out);
  void on(const ui_send_chat& e, actions& out);
  void on(const ui_chat_typing&, actions& out);
  void on(const ui_report& e, actions& out);
  void on(const ui_select_device& e, actions& out);
  void on(const media_granted& e, actions& out);
  void on(const media_denied& e, actions& out);
  void on(const devices_listed& e, actions& out);
  void on(const device_switched& e, actions& out);
  void on(const socket_opened&, actions& out);
  void on(const socket_closed& e, actions& out);
  void on(const network_offline&, actions& out);
  void on(const network_online&, actions& out);
  void on(const socket_message& e, actions& out);
  void on(const peer_local_description& e, actions& out);
  void on(const peer_local_candidate& e, actions& out);
  void on(const peer_connection_state& e, actions& out);
  void on(const peer_error& e, actions& out);
  void on(const peer_ice_server_error& e, actions& out);
  void on(const peer_channel_open& e, actions& out);
  void on(const peer_channel_closed& e, actions& out);
  void on(const peer_channel_message& e, actions& out);
  // client_session_chat.cpp: the data channel's side of a call.
  void reset_call_extras();  // a new stranger: empty transcript, fresh typing and quality state
  void chat_tick(actions& out);
  void emit_typing_change(actions& out);
  void send_media_state(actions& out);
  void send_peer(const chat::peer_message& m, actions& out);
  void add_line(chat_from from, std::string text);
  void on(const peer_stats& e, actions& out);
  void on(const tick& e, actions& out);

  // Server messages, only while the socket is open.
  void on_server(const protocol::welcome& m, actions& out);
  void on_server(const protocol::ice_servers& m, actions& out);
  void on_server(const protocol::matched& m, actions& out);
  void on_server(const protocol::webrtc_offer& m, actions& out);
  void on_server(const protocol::webrtc_answer& m, actions& out);
  void on_server(const protocol::webrtc_ice_candidate& m, actions& out);
  void on_server(const protocol::partner_left& m, actions& out);
  void on_server(const protocol::online& m, actions& out);
  void on_server(const protocol::error& m, actions& out);
  void on_server(const protocol::resumed& m, actions& out);
  void on_server(const protocol::resume_token& m, actions& out);

  bool in_call_screen() const {
    return screen_ == screen::connecting || screen_ == screen::in_call;
  }
  bool current_call(std::uint64_t id) const { return call_id_ != 0 && id == call_id_; }
  void enter_searching(actions& out);  // shows searching and joins when the socket allows
  void refuse_while_banned(actions& out);  // back to the landing screen, saying for how long
  void leave_and_search(const char* reason, actions& out);  // ends a call we cannot keep
  void start_ice_restart(actions& out);
  bool can_retry_via_relay() const;
  void retry_via_relay(actions& out);  // direct ICE failed: a relay-only connection, once
  void set_notice(notice_id n);
  void set_interests(const std::vector<std::string>& raw);
  void send_join(actions& out);
  void close_call(actions& out);  // closes the current peer connection, if any
  void apply_remote(sdp_type type, const std::string& sdp, actions& out);
  void send(protocol::client_message m, actions& out);
  // `next` and `report`: sent now, or held until next_interval after the previous one.
  void send_skip(protocol::client_message m, actions& out);
  void schedule_reconnect(const socket_closed& e, actions& out);
  void resume_failed(actions& out);  // the server could not give the pairing back
  // The queued offer (docs/client.md): a peer connection prepared while we wait.
  bool may_prepare() const;
  void reconcile_prepared(actions& out);  // run after every event: make or drop it
  void drop_prepared(actions& out);
  void send_queued_offer(actions& out);
  void adopt_prepared(bool offer_sent, actions& out);  // matched as the initiator
  bool on_prepared(const event& e, actions& out);      // its peer events; true if taken

  session_config config_;
  std::function<double()> unit_random_;
  reconnect::backoff backoff_;

  time_point now_{0};
  screen screen_ = screen::idle;
  socket_state socket_ = socket_state::closed;
  time_point next_retry_at_{0};
  bool joined_ = false;  // a join (or next) is pending on this socket: the server queues us
  std::uint64_t online_ = 0;
  std::string ice_servers_json_ = "[]";
  std::vector<std::string> interests_;
  protocol::chat_mode mode_ = protocol::chat_mode::video;
  bool relay_only_ = false;
  bool turn_available_ = false;
  bool welcomed_ = false;  // this socket's welcome has come (its iceServers are known)
  void set_ice_servers(const std::string& json);
  void refuse_relay_without_turn(actions& out);
  notice_id notice_ = notice_id::none;
  time_point notice_until_{0};
  std::vector<media_device> cameras_;
  std::vector<media_device> microphones_;
  std::string camera_id_;  // "" = the browser's default
  std::string microphone_id_;
  bool preview_ = false;  // media was acquired for the landing screen's self-view

  bool has_audio_ = false;
  bool has_video_ = false;
  bool mic_on_ = true;
  bool camera_on_ = true;
  std::string media_error_;

  // The current call; call ids only grow, so events of an earlier call never match.
  std::uint64_t last_call_id_ = 0;
  std::uint64_t call_id_ = 0;
  std::optional<protocol::role> role_;
  std::vector<std::string> common_;
  bool fell_back_ = false;
  peer_state peer_ = peer_state::closed;
  bool turn_refusal_reported_ = false;  // said once per call, not once per TURN URL
  bool relay_retry_ = false;            // this stranger was already retried through the relay
  bool restarting_ = false;             // ICE restart in progress
  bool awaiting_answer_ = false;        // initiator: an offer went out, its answer has not come
  time_point restart_deadline_{0};
  std::optional<time_point> stranger_closed_deadline_;  // their data channel closed: leave then
  bool channel_open_ = false;
  std::vector<chat_line> transcript_;
  chat::typing_sender typing_sender_;
  chat::typing_receiver typing_receiver_;
  bool typing_shown_ = false;  // what the last `typing` page event said
  quality::quality_meter meter_;
  call_quality quality_;
  bool stranger_mic_off_ = false;
  bool stranger_camera_off_ = false;
  time_point connect_deadline_{0};
  bool remote_applied_ = false;
  bool local_sent_ = false;
  std::vector<protocol::webrtc_ice_candidate> pending_remote_;  // before the remote description
  std::vector<protocol::webrtc_ice_candidate> pending_local_;   // before our description is sent

  time_point banner_until_{0};
  time_point banned_until_{0};
  std::string last_error_;

  // Reconnecting and resuming (docs/client.md, "Resume").
  unsigned closes_ = 0;     // socket closes since the last open
  bool offline_ = false;    // navigator.onLine is false
  std::string resume_token_;  // the latest token of the pairing the server keeps for us; "" none
  bool away_ = false;       // our socket dropped while the server kept a pairing of ours
  bool resuming_ = false;   // `resume` went out on this socket; its answer has not come
  // While away: the held call's handshake messages, sent after `resumed` (bounded).
  std::vector<protocol::client_message> outbox_;
  // While away: a Report pressed meanwhile, sent (instead of a join) once resumed.
  std::optional<protocol::report_reason> deferred_report_;
  // Spacing of `next`/`report` on this socket (the server's limit is per connection).
  bool skip_sent_ = false;
  time_point last_skip_at_{0};
  std::optional<protocol::client_message> pending_skip_;

  // The queued offer (docs/client.md, "Queued offer").
  bool server_queues_offers_ = false;  // this socket's welcome listed "queued_offer"
  std::uint64_t prep_call_ = 0;        // the peer connection made while waiting; 0: none
  std::string prep_sdp_;               // its offer, once set locally
  bool prep_sent_ = false;             // the offer went out as `queued_offer`
  bool prep_failed_ = false;           // the browser refused it: not again until matched or left
  // Its candidates wait in pending_local_ until `matched` (no call meanwhile).
};

}  // namespace novatalk::session
