// The client session's text chat, typing indicator, camera/mic state of the stranger, call
// quality and reports: everything that travels on the call's data channel or rides on a call.
// Part of client_session (client_session.hpp); the signaling transitions are in
// client_session.cpp.
#include <algorithm>
#include <array>
#include <utility>

#include "core/chat/chat_text.hpp"
#include "core/chat/peer_message.hpp"
#include "core/session/client_session.hpp"

namespace novatalk::session {
namespace {

// A long conversation must not grow memory without bound; the oldest lines go first.
constexpr std::size_t max_transcript_lines = 500;

void page_event(actions& out, std::string name, nlohmann::json fields = nlohmann::json::object()) {
  out.push_back(emit_page_event{std::move(name), std::move(fields)});
}

}  // namespace

bool client_session::stranger_typing() const {
  return channel_open_ && typing_receiver_.visible(now_);
}

void client_session::on(const ui_send_chat& e, actions& out) {
  if (!channel_open_) return;  // the chat box is disabled until the channel opens
  std::string text = chat::sanitize_chat_text(e.text);
  if (text.empty()) return;
  send_peer(chat::chat_message{text}, out);
  typing_sender_.on_message_sent();
  add_line(chat_from::me, text);
  page_event(out, "chat", {{"from", "me"}, {"text", std::move(text)}});
}

void client_session::on(const ui_chat_typing&, actions& out) {
  if (channel_open_ && typing_sender_.on_input(now_)) send_peer(chat::typing_message{true}, out);
}

void client_session::on(const peer_channel_open& e, actions& out) {
  if (!current_call(e.call_id) || channel_open_) return;
  channel_open_ = true;
  // The stranger learns at once whether our camera is off, before any video arrives.
  if (mode_ == protocol::chat_mode::video) send_media_state(out);
  page_event(out, "chat_ready");
}

// Our own close_peer forgets the call first, so a close of the current call's channel is the
// stranger's doing: they pressed Next or Stop, their tab closed or crashed, or they gave up on the
// call. The server says which with `partner_left`, normally at once; a tab gone without a close
// frame it only takes for gone after the resume grace. So we wait a little for its word, then
// leave as with Next: `next` ends the pairing and we search again (docs/client.md, "Resume").
void client_session::on(const peer_channel_closed& e, actions&) {
  if (!current_call(e.call_id) || !in_call_screen() || stranger_closed_deadline_) return;
  stranger_closed_deadline_ = now_ + config_.stranger_closed_wait;
}

void client_session::on(const peer_channel_message& e, actions& out) {
  if (!current_call(e.call_id) || !channel_open_) return;
  auto decoded = chat::decode_peer_message(e.text);
  if (!decoded) return;  // a newer or hostile peer: nothing to show
  std::visit(
      [&](auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, chat::chat_message>) {
          typing_receiver_.on_chat_message();
          add_line(chat_from::stranger, m.text);
          page_event(out, "chat", {{"from", "stranger"}, {"text", std::move(m.text)}});
        } else if constexpr (std::is_same_v<T, chat::typing_message>) {
          typing_receiver_.on_typing(m.active, now_);
        } else {
          stranger_mic_off_ = !m.mic_on;
          stranger_camera_off_ = !m.camera_on;
          page_event(out, "partner_media", {{"mic", m.mic_on}, {"camera", m.camera_on}});
        }
      },
      decoded.value());
  emit_typing_change(out);
}

void client_session::on(const ui_report& e, actions& out) {
  static constexpr std::array<std::pair<const char*, protocol::report_reason>, 5> reasons{{
      {"nudity", protocol::report_reason::nudity},
      {"harassment", protocol::report_reason::harassment},
      {"spam", protocol::report_reason::spam},
      {"underage", protocol::report_reason::underage},
      {"other", protocol::report_reason::other},
  }};
  const auto it = std::find_if(reasons.begin(), reasons.end(),
                               [&](const auto& r) { return e.reason == r.first; });
  if (it == reasons.end()) {
    page_event(out, "error", {{"code", "bad_command"}, {"message", "unknown report reason"}});
    return;
  }
  if (!in_call_screen()) return;
  close_call(out);
  screen_ = screen::searching;
  // The server ends the call for both and queues us again, like `next`, and never pairs the
  // two of us again. Before the socket is back, the join on reconnect queues us instead.
  if (socket_ == socket_state::open && joined_) {
    send_skip(protocol::report{it->second}, out);
  } else if (away_) {
    deferred_report_ = it->second;  // the server kept the pairing: reported once it is resumed
  } else {
    send_join(out);
  }
  set_notice(notice_id::reported);
  page_event(out, "reported", {{"reason", it->first}});
  page_event(out, "searching");
}

void client_session::on(const peer_stats& e, actions& out) {
  if (!current_call(e.call_id) || screen_ != screen::in_call) return;
  quality::quality_sample sample;
  sample.rtt_ms = e.stats.rtt_ms;
  sample.packets_received = e.stats.packets_received;
  sample.packets_lost = e.stats.packets_lost;
  sample.available_outgoing_bitrate = e.stats.available_outgoing_bitrate;
  quality_.level = meter_.add(sample);
  quality_.rtt_ms = meter_.rtt_ms();
  quality_.loss_pct = meter_.loss_pct();
  quality_.bitrate_kbps = meter_.bitrate_bps() < 0 ? -1 : meter_.bitrate_bps() / 1000.0;
  quality_.candidate_type = e.stats.candidate_type;
  // Relayed when either end of the selected pair is a TURN relay.
  quality_.relayed = e.stats.candidate_type == "relay" || e.stats.remote_candidate_type == "relay";
  page_event(out, "stats",
             {{"framesDecoded", e.stats.frames_decoded},
              {"framesPerSecond", e.stats.frames_per_second},
              {"rttMs", e.stats.rtt_ms},
              {"candidateType", e.stats.candidate_type},
              {"quality", quality::to_string(quality_.level)},
              {"lossPct", quality_.loss_pct},
              {"bitrateKbps", quality_.bitrate_kbps},
              {"relayed", quality_.relayed}});
}

// --- Helpers -------------------------------------------------------------------------------------

void client_session::reset_call_extras() {
  channel_open_ = false;
  typing_sender_.reset();
  typing_receiver_.reset();
  typing_shown_ = false;
  stranger_mic_off_ = stranger_camera_off_ = false;
  meter_ =
      quality::quality_meter(mode_ == protocol::chat_mode::text ? quality::call_media::text_only
                                                                : quality::call_media::audio_video);
  quality_ = call_quality{};
}

void client_session::chat_tick(actions& out) {
  if (channel_open_ && typing_sender_.on_tick(now_)) send_peer(chat::typing_message{false}, out);
  emit_typing_change(out);
}

void client_session::emit_typing_change(actions& out) {
  const bool shown = stranger_typing();
  if (shown == typing_shown_) return;
  typing_shown_ = shown;
  page_event(out, "typing", {{"active", shown}});
}

void client_session::send_media_state(actions& out) {
  if (!channel_open_) return;
  send_peer(chat::media_state_message{has_audio_ && mic_on_, has_video_ && camera_on_}, out);
}

void client_session::send_peer(const chat::peer_message& m, actions& out) {
  out.push_back(send_peer_message{call_id_, chat::encode_peer_message(m)});
}

void client_session::add_line(chat_from from, std::string text) {
  if (transcript_.size() >= max_transcript_lines) transcript_.erase(transcript_.begin());
  transcript_.push_back(chat_line{from, std::move(text)});
}

}  // namespace novatalk::session
