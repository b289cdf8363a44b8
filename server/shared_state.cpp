// The shared state of all connections (see shared_state.hpp).
#include "server/shared_state.hpp"

#include <string>
#include <utility>

#include "core/protocol/codec.hpp"
#include "server/log.hpp"
#include "server/resume_token.hpp"
#include "server/turn_credentials.hpp"
#include "server/websocket_session.hpp"

namespace novatalk::server {
namespace {
constexpr auto online_interval = std::chrono::seconds(5);
}

shared_state::shared_state(const config& cfg)
    : hub_(pairing::config{cfg.interest_wait},
           ice_server_list(cfg.ice_servers_json,
                           turn_config{cfg.turn_secret, cfg.turn_uris, cfg.turn_ttl},
                           random_turn_id),
           system_unix_seconds, moderation::ban_config{cfg.ban_reports, cfg.ban_seconds}),
      online_sent_at_(now()),
      files_(cfg.www_dir),
      site_(cfg.www_dir),
      send_queue_max_(cfg.send_queue_max),
      allowed_origins_(cfg.allowed_origins),
      trusted_proxies_(cfg.trusted_proxies),
      ping_interval_(cfg.ping_interval),
      idle_timeout_(cfg.idle_timeout),
      handshake_timeout_(cfg.handshake_timeout),
      address_limits_(cfg.address_limits) {
  hub_.use_limits(cfg.message_limits);
  if (cfg.resume_grace.count() == 0) return;
  // Without a key file the key lives as long as this process: resume survives blips only.
  resume_settings r;
  r.key = cfg.resume_key.empty() ? random_resume_key() : cfg.resume_key;
  r.ttl = cfg.resume_ttl;
  r.grace = cfg.resume_grace;
  // 0 turns the send queue bound off, and with it the bound of what is held.
  r.held_bytes_max = cfg.send_queue_max != 0 ? cfg.send_queue_max : SIZE_MAX;
  hub_.enable_resume(std::move(r));
  log_line("resume")
      .add("key", !cfg.resume_key.empty() ? "file"
                  : cfg.redis_url.empty() ? "process"
                                          : "redis")
      .add("ttl_s", std::uint64_t(cfg.resume_ttl.count()))
      .add("grace_s", std::uint64_t(cfg.resume_grace.count()));
}

client_id shared_state::join(const std::shared_ptr<websocket_session>& session,
                             const std::string& client_ip) {
  std::lock_guard<std::mutex> lock(mutex_);
  const client_id id = next_id_++;
  sessions_.emplace(id, session);
  local_online_ = sessions_.size();
  log_line("connected").add("id", id).add("online", std::uint64_t{sessions_.size()});
  // The address stays in the hub's memory while connected: bans key on a hash of it.
  if (!stopped_)
    deliver(hub_.connect(id, hub_.pairing_pool().online(sessions_.size()), client_ip));
  if (!draining_.empty()) session->go_away(draining_);
  return id;
}

// Only from a registered session: a frame read after its leave() would be a stranger to the hub.
void shared_state::on_text(client_id id, std::string_view text) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!stopped_ && sessions_.count(id) != 0) deliver(hub_.message(id, text, now()));
}

void shared_state::on_binary(client_id id) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!stopped_ && sessions_.count(id) != 0) deliver(hub_.binary_message(id, now()));
}

void shared_state::leave(client_id id, const char* reason) {
  std::lock_guard<std::mutex> lock(mutex_);
  // After stop() the sessions are destroyed with the io_context: that is no event.
  if (sessions_.erase(id) == 0 || stopped_) return;
  local_online_ = sessions_.size();
  log_line("disconnected")
      .add("id", id)
      .add("reason", reason)
      .add("online", std::uint64_t{sessions_.size()});
  // Lost, not left: a dropped socket, a dead peer, a page torn down by the browser (its 1001),
  // or our own drain's close (resume applies).
  const std::string_view r(reason);
  const bool lost = r == "error" || r == "timeout" || r == "drain" || r == "going_away";
  deliver(hub_.disconnect(id, now(), lost));
}

metrics shared_state::counts() {
  std::lock_guard<std::mutex> lock(mutex_);
  return metrics{sessions_.size(), hub_.partner_online()};
}

void shared_state::tick() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (stopped_) return;
  const auto t = now();
  deliver(hub_.tick(t));
  address_limits_.sweep(t);
  const std::uint64_t online = hub_.pairing_pool().online(sessions_.size());
  if (t - online_sent_at_ >= online_interval && online != online_sent_) {
    online_sent_ = online;
    online_sent_at_ = t;
    const auto frame = std::make_shared<const std::string>(
        protocol::encode(protocol::server_message{protocol::online{online_sent_}}));
    for (auto& [id, weak] : sessions_)
      if (auto s = weak.lock()) s->send(frame);
  }
}

void shared_state::use_pool(std::unique_ptr<pool> p) {
  std::lock_guard<std::mutex> lock(mutex_);
  hub_.use_pool(std::move(p));
}

void shared_state::use_resume_key(std::string key) {
  std::lock_guard<std::mutex> lock(mutex_);
  hub_.use_resume_key(std::move(key));
}

void shared_state::deliver_pool_events(pool_events events) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!stopped_) deliver(hub_.apply(std::move(events)));
}

bool shared_state::pool_available() {
  std::lock_guard<std::mutex> lock(mutex_);
  return hub_.pairing_pool().available();
}

void shared_state::drain(std::string reason) {
  std::lock_guard<std::mutex> lock(mutex_);
  draining_ = std::move(reason);
  log_line("draining").add("sessions", std::uint64_t{sessions_.size()});
  for (auto& [id, weak] : sessions_)
    if (auto s = weak.lock()) s->go_away(draining_);
}

void shared_state::stop() {
  std::lock_guard<std::mutex> lock(mutex_);
  stopped_ = true;
}

// `s` is never the last owner of a session (send() posts a copy), so no session destructor, which
// takes mutex_ again, can run in here.
void shared_state::deliver(std::vector<outbound> out) {
  for (auto& o : out) {
    const auto it = sessions_.find(o.to);
    if (it == sessions_.end()) continue;
    auto s = it->second.lock();
    if (!s) continue;
    if (!o.text.empty()) s->send(std::make_shared<const std::string>(std::move(o.text)));
    if (o.close_code != 0) s->close(o.close_code);
  }
}

}  // namespace novatalk::server
