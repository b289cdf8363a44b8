// What every connection shares: the signaling hub (pairing rules) and the registry of live
// WebSocket sessions by id, both under one mutex, so --threads > 1 is safe. Beast-free header.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "server/config.hpp"
#include "server/hub.hpp"
#include "server/metrics.hpp"
#include "server/site_config.hpp"
#include "server/static_files.hpp"

namespace novatalk::server {

class websocket_session;

class shared_state {
 public:
  explicit shared_state(const config& cfg);

  const static_files& files() const { return files_; }
  site_config& site() { return site_; }
  // Before the first connection: pair through `p` (the shared pool of --redis) instead.
  void use_pool(std::unique_ptr<pool> p);
  // The day keys of the hub's address keys (a shared pool feeds them; thread-safe).
  const std::shared_ptr<address_keys>& day_keys() const { return hub_.day_keys(); }
  // The resume token key shared through Redis (no --resume-key-file with --redis).
  void use_resume_key(std::string key);
  // What a shared pool reported later: delivered like any hub output.
  void deliver_pool_events(pool_events events);
  bool pool_available();
  std::uint64_t local_online() const { return local_online_.load(); }
  std::size_t send_queue_max() const { return send_queue_max_; }
  const std::vector<std::string>& allowed_origins() const { return allowed_origins_; }

  const ip_networks& trusted_proxies() const { return trusted_proxies_; }
  std::chrono::seconds ping_interval() const { return ping_interval_; }
  std::chrono::seconds idle_timeout() const { return idle_timeout_; }
  std::chrono::seconds handshake_timeout() const { return handshake_timeout_; }
  // Per-address connection limits: admit before the upgrade, release when the socket is gone.
  address_limits::admission admit_address(const std::string& client_ip) {
    return address_limits_.admit(client_ip, now());
  }
  void release_address(const std::string& client_ip) { address_limits_.release(client_ip, now()); }

  // A WebSocket is open: registers it under a new id and sends its welcome. `client_ip` is the
  // client's address (client_address.hpp), for per-address limits and bans; never logged.
  client_id join(const std::shared_ptr<websocket_session>& session, const std::string& client_ip);
  void on_text(client_id id, std::string_view text);
  void on_binary(client_id id);
  // The socket is gone (`reason` is one of our own tokens, for the log).
  void leave(client_id id, const char* reason);
  // The counts for GET /metrics.
  metrics counts();
  // Every 250 ms: interest waits run out; at most every 5 s, `online` when the count changed.
  void tick();
  // A drain (SIGTERM): every session, and any that opens from now on, is closed with 1001 and
  // `reason` ("retry:<ms>"). Sessions in calls are detached as on any drop (resume).
  void drain(std::string reason);
  // Shutdown: from here on nothing is delivered (sessions are destroyed with the io_context).
  void stop();

  static pairing::time_point now() { return pairing::clock::now(); }

 private:
  // Called with mutex_ held: posting under the lock keeps each recipient's frames in the
  // order the hub produced them, whichever thread produced them.
  void deliver(std::vector<outbound> out);

  std::mutex mutex_;
  hub hub_;
  std::unordered_map<client_id, std::weak_ptr<websocket_session>> sessions_;
  std::atomic<std::uint64_t> local_online_{0};  // sessions_.size(), readable without the lock
  client_id next_id_ = 1;
  std::uint64_t online_sent_ = 0;       // the count last broadcast
  pairing::time_point online_sent_at_;  // when
  bool stopped_ = false;
  std::string draining_;  // the close reason once draining
  const static_files files_;
  site_config site_;  // config.json for the headers (thread-safe, re-read when it changes)
  const std::size_t send_queue_max_;
  const std::vector<std::string> allowed_origins_;
  const ip_networks trusted_proxies_;
  const std::chrono::seconds ping_interval_;
  const std::chrono::seconds idle_timeout_;
  const std::chrono::seconds handshake_timeout_;
  address_limits address_limits_;  // its own mutex
};

}  // namespace novatalk::server
