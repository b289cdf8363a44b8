// The signaling rules of protocol v1 without sockets: a client's frame in, the frames to send
// out and to whom. shared_state runs one hub under its mutex and delivers what it returns;
// tests drive it directly.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <memory>

#include "core/moderation/report_bans.hpp"
#include "core/pairing/matchmaker.hpp"
#include "core/protocol/messages.hpp"
#include "server/address_key.hpp"
#include "server/ice_servers.hpp"
#include "server/message_limits.hpp"
#include "server/pool.hpp"
#include "server/report_counts.hpp"
#include "server/resume_book.hpp"

namespace novatalk::server {

struct outbound {
  client_id to = 0;
  std::string text;  // an encoded server message ("" = none, only the close)
  // Not 0: after `text`, close the connection with this WebSocket close code (1008: policy).
  std::uint16_t close_code = 0;
};

class hub {
 public:
  // `unix_now` is the wall clock (seconds) for TURN credential expiry and the day of address
  // keys; injected for tests. `bans`: when reports ban an address (reports 0: never).
  hub(pairing::config pairing, ice_server_list ice_servers, std::function<std::int64_t()> unix_now,
      moderation::ban_config bans = {});
  // With another pool than this process's own (the shared one of --redis).
  hub(std::unique_ptr<pool> pool, ice_server_list ice_servers,
      std::function<std::int64_t()> unix_now);
  // Static iceServers only (no TURN), wall clock from the system.
  hub(pairing::config pairing, std::string ice_servers_json);

  // A client connected (`online` counts it too): its welcome. `client_ip` (server/client_address)
  // is kept in memory while it is connected, only to compute its address keys for bans; never
  // logged, never passed on. Empty: unknown (no ban applies to it).
  std::vector<outbound> connect(client_id id, std::uint64_t online, std::string client_ip = {});
  // A text frame from a client: decoded by the codec, never parsed here.
  std::vector<outbound> message(client_id id, std::string_view text, pairing::time_point now);
  // A binary frame: the protocol is text only.
  std::vector<outbound> binary_message(client_id id, pairing::time_point now);
  // The socket closed: the stranger, if any, is told `disconnect`. Unless the socket was `lost`
  // (dropped without the client's close frame, or closed by a drain) during a call with resume
  // on: then the stranger is told only if the client has not resumed within the grace.
  std::vector<outbound> disconnect(client_id id, pairing::time_point now, bool lost = false);
  // Lets interest waits run out, and sends `ice_servers` with fresh TURN credentials to whoever
  // is due (call every few hundred ms).
  std::vector<outbound> tick(pairing::time_point now);

  // Open connections per partner id (the `partner` of their last join), by id; only counts.
  std::vector<std::pair<std::string, std::uint64_t>> partner_online() const;
  // What a shared pool reported later (matches, strangers leaving, relayed messages): the frames.
  std::vector<outbound> apply(pool_events events);
  const pool& pairing_pool() const { return *pool_; }
  pool& pairing_pool() { return *pool_; }
  // Before any client: the shared pool of --redis instead of this process's own.
  void use_pool(std::unique_ptr<pool> p) { pool_ = std::move(p); }
  // The day keys of address keys; a shared pool feeds them (address_keys::use_shared_keys).
  const std::shared_ptr<address_keys>& day_keys() const { return keys_; }
  // Before any client: the per-connection message limits (off until set).
  void use_limits(message_limits_config cfg) { limits_ = message_limits(cfg); }

  // Distinct reporters of a live connection (0 once it disconnected).
  std::uint64_t reports_against(client_id id) const { return reports_.count(id); }

  // Session resume (docs/protocol.md): tokens in `matched`, a paired client whose socket drops
  // is waited for `grace` before its stranger hears of it. Off until called with a key, and
  // with a pool that cannot resume.
  void enable_resume(resume_settings settings);
  // Another key for the tokens (the one shared through Redis); nothing when resume is off.
  void use_resume_key(std::string key) {
    if (!resume_.key.empty()) resume_.key = std::move(key);
  }
  const resume_book& resumes() const { return book_; }

 private:
  void report(client_id id, protocol::report_reason reason, pairing::time_point now,
              pool_events& events, std::vector<outbound>& out);
  void apply(pool_events& events, std::vector<outbound>& out);

  // Over a message limit: the `rate_limited` answer (and the close), or nothing at all.
  std::vector<outbound> limited(client_id id, message_limits::verdict v, const char* what);
  void refresh_ice_servers(std::vector<outbound>& out);
  moderation::address address_of(client_id id) const;
  // Resume (hub_resume.cpp).
  bool resume_on() const { return !resume_.key.empty() && pool_->resumable(); }
  void resume(client_id id, const std::string& token, bool first, pairing::time_point now,
              std::vector<outbound>& out);
  std::string mint_token(client_id id, const resume_book::half& h);
  void send_or_hold(client_id to, std::string text, std::vector<outbound>& out);
  // A new pairing: its token for `e.to` ("" with resume off).
  std::string on_paired(const pool_event& e);
  void on_partner_left(client_id to);
  void resumed_by_pool(const pool_event& e, std::vector<outbound>& out);
  bool detach(client_id id, pairing::time_point now, bool lost);
  void resume_tick(pairing::time_point now, std::vector<outbound>& out);
  void set_partner(client_id id, const std::string& partner);  // "" = none
  // The queued offer (protocol.md): kept while `id` waits, else dropped unread.
  void hold_offer(client_id id, std::string sdp, std::vector<outbound>& out);
  // The held offer of the initiator of `e`, if its responder's `matched` is in `events` too
  // (then it goes to the responder right after that `matched`); dropped otherwise.
  std::string take_offer(const pool_event& e, const pool_events& events);

  std::unique_ptr<pool> pool_;
  report_counts reports_;
  bool bans_on_ = true;
  std::shared_ptr<address_keys> keys_ = std::make_shared<address_keys>();
  std::unordered_map<client_id, std::string> ip_of_;  // only with bans on
  message_limits limits_;
  ice_server_list ice_servers_;
  std::function<std::int64_t()> unix_now_;
  // With TURN: who gets fresh credentials when. Times only grow (one ttl for all), so a FIFO is
  // a priority queue; entries of clients that left are skipped when they come up.
  std::deque<std::pair<std::int64_t, client_id>> refresh_due_;
  std::unordered_set<client_id> connected_;
  // Per-partner counts: entries go when their count reaches 0, so memory follows live
  // connections, whatever ids clients make up.
  std::unordered_map<client_id, std::string> partner_of_;
  std::map<std::string, std::uint64_t> partner_online_;

  resume_settings resume_;
  resume_book book_{0};
  std::unordered_set<client_id> fresh_;  // connected, no message yet: may still `resume`
  // The last join's preferences (they go into tokens, for a process that restarts).
  std::unordered_map<client_id, pairing::preferences> prefs_;
  // Ids for the half of a restored pairing whose client is not back yet; far above any
  // connection id.
  client_id next_placeholder_ = client_id{1} << 62;
  // Waiters' queued offers, as the `webrtc_offer` frame the stranger will get (at most
  // max_sdp_bytes each; in memory only, never logged).
  std::unordered_map<client_id, std::string> queued_offers_;
};

}  // namespace novatalk::server
