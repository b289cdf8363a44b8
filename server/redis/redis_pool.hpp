// The pool shared by every node through Redis (--redis). Pairing runs in Redis as one atomic
// script (pairing.lua: the matchmaker's rules); each node learns what concerns its own clients
// from its channel "nt:ch:<node>" (matches, strangers leaving, messages relayed from strangers on
// other nodes), in the order Redis ran it. A stranger on the same node gets relayed messages
// directly; one on another node through a PUBLISH to that node's channel.
//
// Liveness: every node refreshes "nt:alive:<node>" (heartbeat_interval, lasting alive_for) and
// reaps nodes whose key ran out: their clients leave the queue, their strangers hear
// `partner_left` (disconnect). If Redis is unreachable, every local client is told `unavailable`,
// requests fail with it meanwhile, calls in progress go on (they are peer-to-peer, and a stranger
// on this node is still relayed to), and when Redis is back the clients that were searching are
// put back in the queue.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/moderation/report_bans.hpp"
#include "server/address_key.hpp"
#include "server/beast.hpp"
#include "server/pool.hpp"
#include "server/redis/redis_client.hpp"

namespace novatalk::server::redis {

struct pool_config {
  endpoint redis;
  std::string node_id;  // [A-Za-z0-9_-]{1,64}
  std::chrono::milliseconds interest_wait{5000};
  std::chrono::milliseconds heartbeat_interval{2000};
  std::chrono::milliseconds alive_for{10000};  // a silent node is reaped after this
  moderation::ban_config bans;                 // the window is the script's (an hour)
  // Where the day keys shared through Redis go (the hub's: it hashes addresses with them).
  std::shared_ptr<address_keys> day_keys;
  std::chrono::milliseconds day_keys_interval{600000};  // how often they are fetched again
  // Session resume across nodes (--resume-grace; 0: off): how long a client of a reaped node
  // that was in a call is waited for. The hub passes the grace of its own lost sockets.
  std::chrono::milliseconds resume_grace{0};
  // Set when the node has no --resume-key-file: the token key is shared through Redis (op
  // resumekey, SET NX by the first node) and handed here; the node is unavailable until then.
  std::function<void(std::string)> use_resume_key;
  // What may be held in Redis for an away client (--send-queue-bytes; 0: no bound).
  std::size_t held_bytes_max = 262144;
};

class redis_pool final : public pool {
 public:
  // `deliver` receives what Redis said later (on the pool's strand, never under the caller's
  // lock): the server passes it to hub::apply. `local_online` is this node's connection count.
  redis_pool(net::any_io_executor executor, pool_config cfg,
             std::function<void(pool_events)> deliver, std::function<std::uint64_t()> local_online);
  ~redis_pool() override;

  void start();
  void stop();

  void join(client_id id, pairing::preferences prefs, const moderation::address& from,
            pairing::time_point now, pool_events& out) override;
  void next(client_id id, const moderation::address& from, pairing::time_point now,
            pool_events& out) override;
  void leave(client_id id, pairing::time_point now, pool_events& out) override;
  void report(client_id id, const moderation::address& from, pairing::time_point now,
              pool_events& out) override;
  void disconnect(client_id id, pairing::time_point now, pool_events& out) override;
  void tick(pairing::time_point now, pool_events& out) override;
  bool relay(client_id from, std::string text, pool_events& out) override;
  bool has_stranger(client_id id) const override;
  client_id local_stranger(client_id id) const override;
  // Up, and the day keys are known (without them no address could be checked for a ban).
  bool available() const override {
    return available_.load() && day_keys_known_.load() && resume_key_known_.load();
  }
  std::uint64_t online(std::uint64_t local) const override;
  // Resume runs in Redis (op away/takeover of pairing.lua): any node takes a pairing over.
  bool resumable() const override { return cfg_.resume_grace.count() > 0; }
  bool resume_shared() const override { return true; }
  void away(client_id id, std::chrono::milliseconds grace, pairing::time_point now,
            pool_events& out) override;
  void take_over(client_id id, const std::string& pairing, protocol::role side,
                 pairing::preferences prefs, const std::string& nonce,
                 std::chrono::milliseconds nonce_ttl, pool_events& out) override;

  const std::string& node_id() const { return cfg_.node_id; }
  // No script call of a client's request is waiting for its answer (a drain waits for this,
  // so that Redis knows of every lost client before the process exits).
  bool idle() const { return in_flight_.load() == 0; }

 private:
  struct local_client {
    std::optional<pairing::preferences> prefs;  // the last join's (to rejoin after an outage)
    moderation::address from;                   // its address keys at its last request
    bool searching = false;
    std::string stranger;   // gid, empty without one
    // The stranger (gid) whose socket was lost: relayed through Redis, held for it. Names the
    // gid, so it lapses by itself when the stranger changes.
    std::string away_stranger;
    std::uint64_t ops = 0;  // requests sent for it (join/next/leave/report), numbered from 1
  };

  struct request {
    std::string stranger;  // the one it had (gid), maybe empty
    std::uint64_t ops = 0;
  };
  enum class needs { known, joined, stranger };
  std::optional<request> begin_request(client_id id, bool searching, needs need);
  std::vector<std::string> eval_command(const std::vector<std::string>& script_args) const;
  // The arguments after a request's number: the address keys and the ban settings.
  void add_ban_args(std::vector<std::string>& args, const moderation::address& from) const;
  void fetch_day_keys();
  void fetch_resume_key();
  void send_heartbeat();
  std::string gid(client_id id) const;
  std::optional<client_id> local_id(const std::string& gid) const;
  // EVAL the pairing script; on failure `for_client` (if any) is told `unavailable`. If Redis
  // no longer knew the pair (it lost its data in an outage), the stranger this node believed in
  // is told `partner_left` by us instead.
  void on_taken_over(client_id id, const reply& r);
  // Forgets `id` here; the stranger it had (gid), "" if none or unknown.
  std::string forget_local(client_id id);
  void run(std::vector<std::string> script_args, client_id who = 0,
           std::string believed_stranger = {},
           protocol::leave_reason reason = protocol::leave_reason::next);
  void publish_left(const std::string& to, protocol::leave_reason reason, const std::string& from);
  void on_channel(const std::string& message);
  void on_up();
  void on_down();
  void heartbeat();
  void emit(pool_events events);
  void unavailable(client_id id, pool_events& out);

  pool_config cfg_;
  std::function<void(pool_events)> deliver_;
  std::function<std::uint64_t()> local_online_;
  std::string gid_prefix_;  // "<node>/"
  std::shared_ptr<client> commands_;
  std::shared_ptr<client> events_;
  net::steady_timer heartbeat_timer_;
  std::atomic<bool> available_{false};
  std::atomic<std::uint64_t> online_total_{0};
  std::atomic<bool> stopped_{false};
  std::atomic<bool> day_keys_known_{false};
  std::atomic<bool> resume_key_known_{false};
  std::atomic<std::uint64_t> in_flight_{0};           // run() calls not answered yet
  std::atomic<std::int64_t> day_keys_fetched_ms_{0};  // steady clock, when they were last asked for
  bool first_up_done_ = false;  // touched in on_up only, which available_ serialises

  // Touched by hub calls (under the server's lock) and by channel messages (on the events
  // link's strand): its own mutex.
  mutable std::mutex mutex_;
  std::unordered_map<client_id, local_client> clients_;
};

// A random node id (hex), for when --node-id is not given.
std::string random_node_id();

}  // namespace novatalk::server::redis
