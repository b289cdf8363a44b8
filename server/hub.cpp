// The signaling rules (see hub.hpp). Every event is logged by id and code only: message
// contents (SDP, candidates, interests) never reach the log.
#include "server/hub.hpp"

#include <optional>
#include <utility>

#include "core/protocol/codec.hpp"
#include "server/log.hpp"
#include "server/memory_pool.hpp"

namespace novatalk::server {
namespace p = novatalk::protocol;
namespace {

// The relayed messages travel as the same struct, re-encoded: only fields the codec validated.
std::optional<p::server_message> as_relay(p::client_message& m) {
  if (auto* o = std::get_if<p::webrtc_offer>(&m)) return p::server_message{std::move(*o)};
  if (auto* a = std::get_if<p::webrtc_answer>(&m)) return p::server_message{std::move(*a)};
  if (auto* c = std::get_if<p::webrtc_ice_candidate>(&m)) return p::server_message{std::move(*c)};
  return std::nullopt;
}

const char* relay_name(const p::client_message& m) {
  if (std::holds_alternative<p::webrtc_offer>(m)) return "offer";
  if (std::holds_alternative<p::webrtc_answer>(m)) return "answer";
  return "candidate";
}

}  // namespace

hub::hub(pairing::config pairing, ice_server_list ice_servers,
         std::function<std::int64_t()> unix_now, moderation::ban_config bans)
    : hub(std::make_unique<memory_pool>(pairing, bans), std::move(ice_servers),
          std::move(unix_now)) {
  bans_on_ = bans.reports > 0;
}

hub::hub(std::unique_ptr<pool> pool, ice_server_list ice_servers,
         std::function<std::int64_t()> unix_now)
    : pool_(std::move(pool)),
      ice_servers_(std::move(ice_servers)),
      unix_now_(std::move(unix_now)) {}

hub::hub(pairing::config pairing, std::string ice_servers_json)
    : hub(pairing, ice_server_list(std::move(ice_servers_json), {}, [] { return std::string(); }),
          system_unix_seconds) {}

std::vector<outbound> hub::connect(client_id id, std::uint64_t online, std::string client_ip) {
  const std::int64_t now = unix_now_();
  if (bans_on_ && !client_ip.empty()) ip_of_[id] = std::move(client_ip);
  fresh_.insert(id);
  p::welcome w;
  w.online = online;
  w.ice_servers_json = ice_servers_.for_client(now);
  w.queued_offer = pool_->hands_queued_offers();
  if (ice_servers_.has_turn()) {
    connected_.insert(id);
    refresh_due_.emplace_back(now + ice_servers_.refresh_after().count(), id);
  }
  return {outbound{id, p::encode(p::server_message{std::move(w)})}};
}

void hub::refresh_ice_servers(std::vector<outbound>& out) {
  const std::int64_t now = unix_now_();
  while (!refresh_due_.empty() && refresh_due_.front().first <= now) {
    const client_id id = refresh_due_.front().second;
    refresh_due_.pop_front();
    if (connected_.count(id) == 0) continue;
    out.push_back({id, p::encode(p::server_message{p::ice_servers{ice_servers_.for_client(now)}})});
    refresh_due_.emplace_back(now + ice_servers_.refresh_after().count(), id);
  }
}

// Computed at each request, so the keys follow the day key's rotation at midnight.
moderation::address hub::address_of(client_id id) const {
  const auto it = ip_of_.find(id);
  if (it == ip_of_.end()) return {};
  return keys_->of(it->second, unix_now_());
}

// Refused frames are dropped unread. The answer names the limit, never the frame.
std::vector<outbound> hub::limited(client_id id, message_limits::verdict v, const char* what) {
  using verdict = message_limits::verdict;
  if (v == verdict::closed) return {};
  log_line("client_error").add("id", id).add("code", "rate_limited").add("limit", what);
  const bool close = v == verdict::close;
  if (close) log_line("rate_limit_close").add("id", id);
  const char* text = close ? "too many messages while rate limited: closing"
                     : std::string_view(what) == "next"
                         ? "next and report at most once per --next-interval-ms: dropped"
                         : "too many messages: dropped, slow down";
  return {outbound{id, p::encode(p::server_message{p::error{p::error_code::rate_limited, text}}),
                   close ? std::uint16_t{1008} : std::uint16_t{0}}};
}

std::vector<outbound> hub::message(client_id id, std::string_view text, pairing::time_point now) {
  if (const auto v = limits_.frame(id, now); v != message_limits::verdict::pass)
    return limited(id, v, "messages");
  std::vector<outbound> out;
  const bool first = fresh_.erase(id) != 0;
  auto decoded = p::decode_client(text);
  if (!decoded) {
    const auto& e = decoded.error();
    out.push_back({id, p::encode(p::server_message{p::error{e.code, e.message}})});
    log_line("client_error").add("id", id).add("code", p::to_string(e.code));
    return out;
  }
  auto& m = decoded.value();
  if (auto* q = std::get_if<p::queued_offer>(&m)) {
    hold_offer(id, std::move(q->sdp), out);
    return out;
  }
  // Whatever changes our place in the queue makes a held offer stale.
  if (!p::is_relay(m)) queued_offers_.erase(id);
  if (auto* r = std::get_if<p::resume>(&m)) {
    resume(id, r->token, first, now, out);
    return out;
  }
  if (std::holds_alternative<p::next>(m) || std::holds_alternative<p::report>(m)) {
    if (const auto v = limits_.skip(id, now); v != message_limits::verdict::pass)
      return limited(id, v, "next");
  }
  pool_events events;
  if (auto* j = std::get_if<p::join>(&m)) {
    set_partner(id, j->partner);
    // A partner id names a site (the codec allows [a-z0-9._-] only), never a person.
    log_line("join")
        .add("id", id)
        .add("mode", p::to_string(j->mode))
        .add("interests", std::uint64_t{j->interests.size()})
        .add("partner", j->partner.empty() ? std::string_view("none") : j->partner);
    pairing::preferences prefs{std::move(j->interests), j->mode};
    if (resume_on()) prefs_[id] = prefs;
    pool_->join(id, std::move(prefs), address_of(id), now, events);
  } else if (std::holds_alternative<p::next>(m)) {
    log_line("next").add("id", id);
    pool_->next(id, address_of(id), now, events);
  } else if (std::holds_alternative<p::leave>(m)) {
    log_line("leave").add("id", id);
    pool_->leave(id, now, events);
  } else if (const auto* r = std::get_if<p::report>(&m)) {
    report(id, r->reason, now, events, out);
  } else if (std::holds_alternative<p::resume>(m)) {
    // No pairing outlives its connection here: the client ends its call and joins afresh.
    out.push_back({id, p::encode(p::server_message{p::error{
                           p::error_code::resume_failed, "this server cannot resume: join"}})});
    log_line("client_error").add("id", id).add("code", p::to_string(p::error_code::resume_failed));
  } else if (pool_->relay(id, p::encode(*as_relay(m)), events)) {
    // on its way; a stranger on another node gets it through the shared pool
  } else {
    out.push_back({id, p::encode(p::server_message{p::error{
                           p::error_code::not_matched, "no stranger to relay to: join first"}})});
    log_line("client_error")
        .add("id", id)
        .add("code", p::to_string(p::error_code::not_matched))
        .add("relay", relay_name(m));
  }
  apply(events, out);
  return out;
}

// Kept only while the sender waits: one that arrives after its `matched` (it crossed it) or
// after a leave is dropped without an answer, since the client offers again after a `matched`
// without offer_sent. A server that cannot hand offers over answers like one that never heard
// of them.
void hub::hold_offer(client_id id, std::string sdp, std::vector<outbound>& out) {
  if (!pool_->hands_queued_offers()) {
    out.push_back({id, p::encode(p::server_message{
                           p::error{p::error_code::bad_message, "unknown message type"}})});
    log_line("client_error").add("id", id).add("code", "bad_message").add("type", "queued_offer");
    return;
  }
  const bool kept = pool_->waiting(id);
  log_line("queued_offer").add("id", id).add("kept", kept ? "yes" : "no");
  if (!kept) {
    queued_offers_.erase(id);
    return;
  }
  queued_offers_[id] = p::encode(p::server_message{p::webrtc_offer{std::move(sdp)}});
}

std::string hub::take_offer(const pool_event& e, const pool_events& events) {
  const auto held = queued_offers_.find(e.to);
  if (held == queued_offers_.end()) return {};
  std::string offer = std::move(held->second);
  queued_offers_.erase(held);
  if (e.role != p::role::initiator || e.stranger == 0) return {};
  for (const auto& other : events) {
    if (other.type == pool_event::kind::matched && other.to == e.stranger &&
        other.stranger == e.to && other.role == p::role::responder)
      return offer;
  }
  return {};
}

std::vector<outbound> hub::binary_message(client_id id, pairing::time_point now) {
  if (const auto v = limits_.frame(id, now); v != message_limits::verdict::pass)
    return limited(id, v, "messages");
  log_line("client_error").add("id", id).add("code", "bad_message").add("frame", "binary");
  return {outbound{id, p::encode(p::server_message{p::error{p::error_code::bad_message,
                                                            "binary frames are not supported"}})}};
}

std::vector<outbound> hub::disconnect(client_id id, pairing::time_point now, bool lost) {
  std::vector<outbound> out;
  fresh_.erase(id);
  reports_.forget(id);
  ip_of_.erase(id);
  limits_.forget(id);
  connected_.erase(id);
  queued_offers_.erase(id);
  set_partner(id, "");
  if (detach(id, now, lost)) return out;  // in a call: its stranger waits for the grace first
  // With a shared pool, Redis waits for it instead: any node may take it over.
  const bool wait =
      lost && resume_on() && pool_->resume_shared() && book_.half_of(id) && pool_->has_stranger(id);
  book_.forget(id);
  prefs_.erase(id);
  pool_events events;
  if (wait) {
    log_line("detached").add("id", id).add("grace_s", std::uint64_t(resume_.grace.count()));
    pool_->away(id, resume_.grace, now, events);
  } else {
    pool_->disconnect(id, now, events);
  }
  apply(events, out);
  return out;
}

// A connection counts for the partner of its latest join (a join without one: for none).
void hub::set_partner(client_id id, const std::string& partner) {
  const auto it = partner_of_.find(id);
  if (it != partner_of_.end()) {
    if (it->second == partner) return;
    const auto count = partner_online_.find(it->second);
    if (--count->second == 0) partner_online_.erase(count);
    partner_of_.erase(it);
  }
  if (partner.empty()) return;
  partner_of_.emplace(id, partner);
  ++partner_online_[partner];
}

std::vector<std::pair<std::string, std::uint64_t>> hub::partner_online() const {
  return {partner_online_.begin(), partner_online_.end()};
}

std::vector<outbound> hub::tick(pairing::time_point now) {
  std::vector<outbound> out;
  pool_events events;
  pool_->tick(now, events);
  apply(events, out);
  refresh_ice_servers(out);
  resume_tick(now, out);
  return out;
}

// The reported stranger is told `next`, exactly as if skipped: telling people they were reported
// invites retaliation. The log has ids only (the reason is one of the protocol's tokens).
void hub::report(client_id id, p::report_reason reason, pairing::time_point now,
                 pool_events& events, std::vector<outbound>& out) {
  if (!pool_->has_stranger(id)) {
    out.push_back({id, p::encode(p::server_message{p::error{
                           p::error_code::not_matched, "no stranger to report: not in a call"}})});
    log_line("client_error")
        .add("id", id)
        .add("code", p::to_string(p::error_code::not_matched))
        .add("type", "report");
    return;
  }
  // Counted where the reported one is connected: a stranger on another node is that node's to
  // count (the report reaches it as a `next`, like any skip).
  const client_id reported = pool_->local_stranger(id);
  auto line = log_line("report");
  if (reported != 0) line.add("id", reported);
  line.add("by", id).add("reason", p::to_string(reason));
  if (reported != 0) line.add("reports", reports_.add(reported, id));
  pool_->report(id, address_of(id), now, events);
}

std::vector<outbound> hub::apply(pool_events events) {
  std::vector<outbound> out;
  apply(events, out);
  return out;
}

// The pool keeps the order (left before matched); one log line per pair, by its initiator.
void hub::apply(pool_events& events, std::vector<outbound>& out) {
  // Initiators' queued offers, by the responder they go to after its `matched`.
  std::unordered_map<client_id, std::string> handed;
  for (auto& e : events) {
    switch (e.type) {
      case pool_event::kind::partner_left:
        on_partner_left(e.to);
        send_or_hold(e.to, p::encode(p::server_message{p::partner_left{e.reason}}), out);
        log_line("partner_left").add("to", e.to).add("reason", p::to_string(e.reason));
        break;
      case pool_event::kind::matched: {
        std::string offer = take_offer(e, events);
        const bool offer_sent = !offer.empty();
        if (offer_sent) handed[e.stranger] = std::move(offer);
        send_or_hold(
            e.to,
            p::encode(p::server_message{p::matched{e.role, e.common, on_paired(e), offer_sent}}),
            out);
        // The waiter's offer follows the responder's `matched` at once, as if relayed.
        if (const auto h = handed.find(e.to); h != handed.end()) {
          send_or_hold(e.to, std::move(h->second), out);
          handed.erase(h);
        }
        if (e.role == p::role::initiator || e.stranger == 0) {
          auto line = log_line("matched");
          line.add("a", e.to);
          if (e.stranger != 0) line.add("b", e.stranger);
          line.add("common", std::uint64_t{e.common.size()});
          if (offer_sent) line.add("offer", "queued");
        }
        break;
      }
      case pool_event::kind::relayed:
        send_or_hold(e.to, std::move(e.text), out);
        break;
      case pool_event::kind::banned:
        queued_offers_.erase(e.to);  // out of the queue
        out.push_back({e.to, p::encode(p::server_message{p::error{
                                 p::error_code::banned,
                                 "reported by too many people: you can chat again later",
                                 e.retry_after}})});
        log_line("banned").add("id", e.to).add("retry_after", e.retry_after);
        break;
      case pool_event::kind::resumed:
      case pool_event::kind::resume_failed:
        resumed_by_pool(e, out);
        break;
      case pool_event::kind::unavailable:
        send_or_hold(e.to, p::encode(p::server_message{p::error{
                               p::error_code::unavailable,
                               "the pool of strangers is unreachable; retrying by itself"}}),
                     out);
        break;
    }
  }
}

}  // namespace novatalk::server
