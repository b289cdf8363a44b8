// The queued offer (docs/client.md, "Queued offer"): while we wait in the queue of a server that
// takes `queued_offer`, a peer connection is made and its offer sent ahead, so that if we are
// paired as the initiator the stranger gets it with `matched` and the call starts one round
// trip (and one offer) sooner. Nothing of it reaches a stranger before `matched`.
#include <utility>

#include "core/session/client_session.hpp"

namespace novatalk::session {
namespace {
// The candidates gathered while waiting; a browser gathers a handful per interface.
constexpr std::size_t max_prepared_candidates = 64;
}  // namespace

// Queued on this socket with nothing else in flight: a held `next`, a resume, a ban or a call
// would each make the offer stale or send it where it does not belong.
bool client_session::may_prepare() const {
  return server_queues_offers_ && socket_ == socket_state::open && screen_ == screen::searching &&
         joined_ && !away_ && !resuming_ && !pending_skip_ && call_id_ == 0 && !banned();
}

void client_session::reconcile_prepared(actions& out) {
  if (!may_prepare()) {
    drop_prepared(out);
    if (screen_ != screen::searching) prep_failed_ = false;
    return;
  }
  if (prep_call_ != 0 || prep_failed_) return;
  prep_call_ = ++last_call_id_;
  // The same connection as a call's (tracks, receive-only m-lines, data channel, relay policy),
  // so the offer is the one the initiator would make after `matched`.
  out.push_back(create_peer{prep_call_, protocol::role::initiator, ice_servers_json_,
                            mode_ == protocol::chat_mode::video, relay_only_});
}

void client_session::drop_prepared(actions& out) {
  if (prep_call_ == 0) return;
  out.push_back(close_peer{prep_call_});
  prep_call_ = 0;
  prep_sdp_.clear();
  prep_sent_ = false;
  pending_local_.clear();
}

void client_session::send_queued_offer(actions& out) {
  if (prep_sent_ || prep_sdp_.empty() || !may_prepare()) return;
  send(protocol::queued_offer{prep_sdp_}, out);
  prep_sent_ = true;
}

// Peer events of the prepared connection. Its candidates stay here until `matched`: the server
// gets no candidate of ours before we have a stranger.
bool client_session::on_prepared(const event& e, actions& out) {
  if (prep_call_ == 0) return false;
  if (const auto* d = std::get_if<peer_local_description>(&e)) {
    if (d->call_id != prep_call_) return false;
    if (d->type == sdp_type::offer && prep_sdp_.empty()) {
      prep_sdp_ = d->sdp;
      send_queued_offer(out);
    }
    return true;
  }
  if (const auto* c = std::get_if<peer_local_candidate>(&e)) {
    if (c->call_id != prep_call_) return false;
    // Kept where a call keeps the candidates that precede its description (empty meanwhile:
    // there is no call while we wait).
    if (pending_local_.size() < max_prepared_candidates)
      pending_local_.push_back(protocol::webrtc_ice_candidate{c->candidate});
    return true;
  }
  if (const auto* f = std::get_if<peer_error>(&e)) {
    if (f->call_id != prep_call_) return false;
    // The browser could not make the offer: wait without one (the usual path after `matched`)
    // instead of making connection after connection.
    drop_prepared(out);
    prep_failed_ = true;
    return true;
  }
  // Nothing else of it matters before `matched` (no remote description: no media, no channel);
  // the handlers of those events take only the current call's.
  return false;
}

// The prepared connection becomes the call. With `offer_sent` the stranger has its offer: only
// the candidates are left to send. Otherwise (the offer crossed our `matched`, or was not made
// yet) it goes out now as a webrtc_offer, or when the browser has made it.
void client_session::adopt_prepared(bool offer_sent, actions& out) {
  call_id_ = prep_call_;
  prep_call_ = 0;
  std::string sdp = std::move(prep_sdp_);
  const bool sent = offer_sent && prep_sent_;
  prep_sdp_.clear();
  prep_sent_ = false;
  local_sent_ = !sdp.empty();
  if (!local_sent_) return;  // the offer and then the kept candidates go out when it is made
  if (!sent) send(protocol::webrtc_offer{std::move(sdp)}, out);
  awaiting_answer_ = true;
  for (auto& c : pending_local_) send(std::move(c), out);
  pending_local_.clear();
}

}  // namespace novatalk::session
