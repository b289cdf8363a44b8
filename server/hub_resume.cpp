// Session resume in the hub (docs/protocol.md, "Resume after a dropped socket"): tokens handed
// out with `matched` and refreshed, a paired client whose socket dropped is waited for (what its
// stranger sends is held), its new connection takes the pairing back with `resume`; only when
// the grace runs out is the stranger told `partner_left` `disconnect`. Tokens are never logged.
#include <algorithm>
#include <utility>

#include "core/protocol/codec.hpp"
#include "server/hub.hpp"
#include "server/log.hpp"
#include "server/resume_token.hpp"
#include "server/turn_credentials.hpp"

namespace novatalk::server {
namespace p = novatalk::protocol;
namespace {

p::role other_side(p::role r) {
  return r == p::role::initiator ? p::role::responder : p::role::initiator;
}

}  // namespace

void hub::enable_resume(resume_settings settings) {
  resume_ = std::move(settings);
  book_ = resume_book(resume_.held_bytes_max);
}

std::string hub::mint_token(client_id id, const resume_book::half& h) {
  const std::int64_t now = unix_now_();
  resume_claim c;
  c.pairing = h.pairing;
  c.side = h.side;
  c.expires_at = now + resume_.ttl.count();
  c.nonce = random_turn_id();
  if (const auto it = prefs_.find(id); it != prefs_.end()) {
    c.mode = it->second.mode;
    c.interests = it->second.interests;
  }
  // Fresh ones two thirds into its life, so a client always holds one that is good for a while.
  book_.refresh_at(id, now + std::max<std::int64_t>(1, resume_.ttl.count() * 2 / 3));
  return sign_resume_token(resume_.key, c);
}

// What goes to a client that is away waits for it (or for the end of its grace).
void hub::send_or_hold(client_id to, std::string text, std::vector<outbound>& out) {
  if (!book_.is_away(to)) {
    out.push_back({to, std::move(text)});
  } else if (!book_.hold(to, std::move(text))) {
    log_line("resume_held_full").add("id", to);
  }
}

std::string hub::on_paired(const pool_event& e) {
  if (!resume_on() || e.pairing.empty()) return {};
  const resume_book::half h{e.pairing, e.role};
  book_.paired(e.to, h);
  return mint_token(e.to, h);
}

// Whoever left, the pairing of `to` is over: no token brings it back.
void hub::on_partner_left(client_id to) {
  if (const auto* h = book_.half_of(to))
    book_.pairing_over(h->pairing, unix_now_() + resume_.ttl.count());
}

// A close frame from the client means its person left (a closed tab): no grace for that.
bool hub::detach(client_id id, pairing::time_point now, bool lost) {
  if (!lost || !resume_on() || book_.is_away(id) || !book_.half_of(id) || !pool_->has_stranger(id))
    return false;
  if (pool_->resume_shared()) return false;  // disconnect() asks the pool to wait instead
  book_.detach(id, now + resume_.grace);
  log_line("detached").add("id", id).add("grace_s", std::uint64_t(resume_.grace.count()));
  return true;
}

void hub::resume_tick(pairing::time_point now, std::vector<outbound>& out) {
  if (resume_.key.empty()) return;
  for (const client_id id : book_.expired(now)) {
    log_line("resume_expired").add("id", id);
    pool_events events;
    pool_->disconnect(id, now, events);  // the stranger hears `disconnect` only now
    apply(events, out);
    book_.forget(id);
    prefs_.erase(id);
  }
  const std::int64_t unix_now = unix_now_();
  for (const client_id id : book_.due_refreshes(unix_now)) {
    const auto* h = book_.half_of(id);
    if (!h || book_.is_away(id) || !pool_->has_stranger(id)) continue;
    out.push_back({id, p::encode(p::server_message{p::resume_token{mint_token(id, *h)}})});
  }
  book_.prune(unix_now);
}

void hub::resume(client_id id, const std::string& token, bool first, pairing::time_point now,
                 std::vector<outbound>& out) {
  auto refuse = [&](const char* why, const char* message) {
    out.push_back({id, p::encode(p::server_message{
                           p::error{p::error_code::resume_failed, message}})});
    log_line("resume_failed").add("id", id).add("why", why);
  };
  if (!resume_on()) return refuse("off", "this server does not resume sessions");
  if (!first) return refuse("not_first", "resume must be the first message of a connection");
  if (pool_->resume_shared() && !pool_->available())
    return refuse("unavailable", "the pool of strangers is unreachable");
  const std::int64_t unix_now = unix_now_();
  auto verified = verify_resume_token(resume_.key, token, unix_now);
  if (!verified) {
    return refuse(to_string(verified.error()),
                  verified.error() == token_error::expired ? "the token has expired"
                                                           : "not a token of this service");
  }
  const resume_claim& c = verified.value();
  pairing::preferences prefs{c.interests, c.mode};
  if (pool_->resume_shared()) {
    // Every node's pool: the nonce is spent and the half moved in Redis, the answer comes back
    // as a pool event (resumed_by_pool). Until then the connection has no stranger.
    prefs_[id] = prefs;
    pool_events events;
    pool_->take_over(id, c.pairing, c.side, std::move(prefs), c.nonce,
                     std::chrono::seconds(std::max<std::int64_t>(1, c.expires_at - unix_now)),
                     events);
    apply(events, out);
    return;
  }
  if (!book_.spend(c.nonce, c.expires_at)) return refuse("used", "the token was used already");
  const resume_book::half h{c.pairing, c.side};

  std::vector<std::string> held;
  if (const auto was = book_.member(h)) {
    // The same process: the half is away (or its old socket is half-open and not noticed yet:
    // that connection stays open without the pairing).
    if (!pool_->rename(*was, id, prefs)) return refuse("gone", "the call is over");
    held = book_.take_over(*was, id);
    prefs_.erase(*was);
    log_line("resumed").add("id", id).add("was", *was);
  } else if (book_.has_ended(c.pairing)) {
    return refuse("over", "the call is over");
  } else {
    // A pairing this process never saw (it restarted, or the token comes from another node of
    // the same key): the stranger is expected back within the grace, under a placeholder id.
    const client_id other = next_placeholder_++;
    if (!pool_->restore(id, prefs, other, pairing::preferences{{}, c.mode}))
      return refuse("gone", "the call is over");
    book_.paired(id, h);
    book_.paired(other, {c.pairing, other_side(c.side)});
    book_.detach(other, now + resume_.grace);
    log_line("resumed").add("id", id).add("restored", 1);
  }
  prefs_[id] = std::move(prefs);
  out.push_back({id, p::encode(p::server_message{p::resumed{}})});
  if (pool_->has_stranger(id)) {
    out.push_back({id, p::encode(p::server_message{p::resume_token{mint_token(id, h)}})});
  } else {
    book_.forget(id);  // the stranger left meanwhile: `partner_left` is among the held frames
  }
  for (auto& frame : held) out.push_back({id, std::move(frame)});
}

}  // namespace novatalk::server

namespace novatalk::server {

// A shared pool's answer to take_over (resume(), above): the pairing is this connection's now.
void hub::resumed_by_pool(const pool_event& e, std::vector<outbound>& out) {
  if (e.type == pool_event::kind::resume_failed) {
    prefs_.erase(e.to);
    const bool used = e.text == "used";
    out.push_back({e.to, p::encode(p::server_message{p::error{
                             p::error_code::resume_failed,
                             used                      ? "the token was used already"
                             : e.text == "unavailable" ? "the pool of strangers is unreachable"
                                                       : "the call is over"}})});
    log_line("resume_failed").add("id", e.to).add("why", e.text);
    return;
  }
  out.push_back({e.to, p::encode(p::server_message{p::resumed{}})});
  log_line("resumed").add("id", e.to).add("shared", 1);
  if (e.stranger_left) return;  // the pool's next events: what was held, then partner_left
  const resume_book::half h{e.pairing, e.role};
  book_.paired(e.to, h);
  out.push_back({e.to, p::encode(p::server_message{p::resume_token{mint_token(e.to, h)}})});
}

}  // namespace novatalk::server
