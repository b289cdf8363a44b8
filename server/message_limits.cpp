// The per-connection message limits (see message_limits.hpp).
//
// The close rule: a client over the limit is answered `rate_limited` for every refused frame. A
// client that stops then (a burst from a bug, a slow network delivering a backlog at once) is
// forgiven as soon as its bucket has refilled completely. One that goes on sending while limited
// is closed when it has had `--msg-burst` frames refused since its bucket was last full: as
// many ignored answers as the burst it was allowed. A flood is closed after 2 x burst frames;
// a client steadily over the rate, after burst refusals.
#include "server/message_limits.hpp"

namespace novatalk::server {

message_limits::client& message_limits::of(pairing::client_id id) {
  auto [it, inserted] = clients_.try_emplace(id);
  if (inserted) {
    it->second.messages = limits::token_bucket(cfg_.burst, cfg_.rate);
    it->second.skips = limits::token_bucket::one_per(cfg_.next_interval);
  }
  return it->second;
}

message_limits::verdict message_limits::strike(client& c) {
  ++c.strikes;
  if (cfg_.burst == 0 || c.strikes < cfg_.burst) return verdict::refuse;
  c.closing = true;
  return verdict::close;
}

message_limits::verdict message_limits::frame(pairing::client_id id, pairing::time_point now) {
  if (cfg_.burst == 0 && cfg_.rate == 0 && cfg_.next_interval.count() == 0) return verdict::pass;
  client& c = of(id);
  if (c.closing) return verdict::closed;
  if (c.messages.full(now)) c.strikes = 0;
  return c.messages.take(now) ? verdict::pass : strike(c);
}

message_limits::verdict message_limits::skip(pairing::client_id id, pairing::time_point now) {
  if (cfg_.next_interval.count() == 0) return verdict::pass;
  client& c = of(id);
  if (c.closing) return verdict::closed;
  return c.skips.take(now) ? verdict::pass : strike(c);
}

}  // namespace novatalk::server
