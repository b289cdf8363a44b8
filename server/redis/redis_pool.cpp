// The pool shared through Redis (see redis_pool.hpp).
#include "server/redis/redis_pool.hpp"

#include <random>
#include <utility>

#include "server/log.hpp"
#include "server/redis/pairing_script.hpp"
#include "server/resume_token.hpp"

namespace novatalk::server::redis {
namespace p = protocol;
namespace {

std::string node_of(const std::string& gid) { return gid.substr(0, gid.rfind('/')); }

std::string joined(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& s : list) out += (out.empty() ? "" : "\n") + s;
  return out;
}

// Splits off the first `fields` lines; the rest (which may hold newlines) is the last element.
std::vector<std::string> split_fields(const std::string& msg, std::size_t fields) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (out.size() < fields) {
    const auto nl = msg.find('\n', at);
    if (nl == std::string::npos) break;
    out.push_back(msg.substr(at, nl - at));
    at = nl + 1;
  }
  out.push_back(msg.substr(at));
  return out;
}

std::int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::optional<p::leave_reason> reason_from(const std::string& s) {
  for (auto r : {p::leave_reason::next, p::leave_reason::leave, p::leave_reason::disconnect})
    if (s == p::to_string(r)) return r;
  return std::nullopt;
}

}  // namespace

std::string random_node_id() {
  std::random_device rd;
  static constexpr char hex[] = "0123456789abcdef";
  std::string id = "node-";
  for (int i = 0; i < 12; ++i) id += hex[rd() % 16];
  return id;
}

redis_pool::redis_pool(net::any_io_executor executor, pool_config cfg,
                       std::function<void(pool_events)> deliver,
                       std::function<std::uint64_t()> local_online)
    : cfg_(std::move(cfg)),
      deliver_(std::move(deliver)),
      local_online_(std::move(local_online)),
      gid_prefix_(cfg_.node_id + "/"),
      heartbeat_timer_(net::make_strand(executor)) {
  const client::callbacks cb{[this] { on_up(); }, [this](const std::string&) { on_down(); }};
  commands_ = std::make_shared<client>(executor, cfg_.redis, "commands", cb);
  events_ = std::make_shared<client>(executor, cfg_.redis, "events", cb);
}

redis_pool::~redis_pool() { stop(); }

void redis_pool::start() {
  events_->subscribe("nt:ch:" + cfg_.node_id, [this](std::string m) { on_channel(m); });
  commands_->start();
  events_->start();
  heartbeat();
}

void redis_pool::stop() {
  if (stopped_.exchange(true)) return;
  heartbeat_timer_.cancel();
  commands_->stop();
  events_->stop();
}

std::string redis_pool::gid(client_id id) const { return gid_prefix_ + std::to_string(id); }

std::optional<client_id> redis_pool::local_id(const std::string& g) const {
  if (g.compare(0, gid_prefix_.size(), gid_prefix_) != 0) return std::nullopt;
  try {
    return static_cast<client_id>(std::stoull(g.substr(gid_prefix_.size())));
  } catch (...) {
    return std::nullopt;
  }
}

// --- Requests of this node's clients ---------------------------------------------------------

void redis_pool::unavailable(client_id id, pool_events& out) {
  pool_event e;
  e.type = pool_event::kind::unavailable;
  e.to = id;
  out.push_back(std::move(e));
}

// A request of client `id` (join/next/leave/report): clears its stranger, sets whether it is
// searching now, numbers the request. Nothing when the client is unknown or lacks what the
// request needs. The stranger it had and the number, for run().
std::optional<redis_pool::request> redis_pool::begin_request(client_id id, bool searching,
                                                             needs need) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = clients_.find(id);
  if (it == clients_.end()) return std::nullopt;
  if (need == needs::joined && !it->second.prefs) return std::nullopt;  // never joined: idle
  if (need == needs::stranger && it->second.stranger.empty()) return std::nullopt;
  it->second.searching = searching;
  return request{std::exchange(it->second.stranger, {}), ++it->second.ops};
}

void redis_pool::add_ban_args(std::vector<std::string>& args,
                              const moderation::address& from) const {
  args.insert(args.end(), {from.current, from.previous, std::to_string(cfg_.bans.reports),
                           std::to_string(std::chrono::milliseconds(cfg_.bans.ban).count())});
}

void redis_pool::join(client_id id, pairing::preferences prefs, const moderation::address& from,
                      pairing::time_point, pool_events& out) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    clients_[id].prefs = prefs;
    clients_[id].from = from;
  }
  const auto r = begin_request(id, /*searching=*/true, needs::joined);
  if (!available()) return unavailable(id, out);
  std::vector<std::string> args = {"join", gid(id), p::to_string(prefs.mode),
                                   joined(prefs.interests), std::to_string(r->ops)};
  add_ban_args(args, from);
  run(std::move(args), id, r->stranger, p::leave_reason::next);
}

void redis_pool::next(client_id id, const moderation::address& from, pairing::time_point,
                      pool_events& out) {
  const auto r = begin_request(id, /*searching=*/true, needs::joined);
  if (!r) return;
  if (!available()) return unavailable(id, out);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    clients_[id].from = from;
  }
  std::vector<std::string> args = {"next", gid(id), std::to_string(r->ops)};
  add_ban_args(args, from);
  run(std::move(args), id, r->stranger, p::leave_reason::next);
}

void redis_pool::leave(client_id id, pairing::time_point, pool_events& out) {
  const auto r = begin_request(id, /*searching=*/false, needs::known);
  if (!r) return;
  if (!available()) return unavailable(id, out);
  run({"leave", gid(id), std::to_string(r->ops)}, id, r->stranger, p::leave_reason::leave);
}

void redis_pool::report(client_id id, const moderation::address& from, pairing::time_point,
                        pool_events& out) {
  const auto r = begin_request(id, /*searching=*/true, needs::stranger);
  if (!r) return;
  if (!available()) return unavailable(id, out);
  std::vector<std::string> args = {"report", gid(id), std::to_string(r->ops)};
  add_ban_args(args, from);
  run(std::move(args), id, r->stranger, p::leave_reason::next);
}

std::string redis_pool::forget_local(client_id id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = clients_.find(id);
  if (it == clients_.end()) return {};
  std::string old = std::move(it->second.stranger);
  clients_.erase(it);
  return old;
}

void redis_pool::disconnect(client_id id, pairing::time_point, pool_events&) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (clients_.count(id) == 0) return;
  }
  const std::string old = forget_local(id);
  // Even when Redis is away this is tried: it fails, and the node's own heartbeat-less entries
  // are reaped with it if it never comes back; a stranger here still hears of it below.
  run({"disconnect", gid(id)}, id, old, p::leave_reason::disconnect);
}

// The client is no longer this node's: Redis keeps its half for the grace (op away), and its
// stranger, on whatever node, hears nothing unless the grace runs out (op tick ends it then).
void redis_pool::away(client_id id, std::chrono::milliseconds grace, pairing::time_point now,
                      pool_events& out) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (clients_.count(id) == 0) return;
  }
  if (!available()) return disconnect(id, now, out);  // nobody could take it over anyway
  forget_local(id);
  run({"away", gid(id), std::to_string(grace.count())});
}

void redis_pool::take_over(client_id id, const std::string& pairing, p::role side,
                           pairing::preferences prefs, const std::string& nonce,
                           std::chrono::milliseconds nonce_ttl, pool_events& out) {
  std::uint64_t ops = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& c = clients_[id];
    c.prefs = prefs;
    c.searching = false;
    c.stranger.clear();
    ops = ++c.ops;
  }
  if (!available()) {
    pool_event e;
    e.type = pool_event::kind::resume_failed;
    e.to = id;
    e.text = "unavailable";
    out.push_back(std::move(e));
    return;
  }
  commands_->command(eval_command({"takeover", pairing, p::to_string(side), gid(id),
                                   p::to_string(prefs.mode), joined(prefs.interests),
                                   std::to_string(ops), nonce, std::to_string(nonce_ttl.count())}),
                     [this, id](reply r) { on_taken_over(id, r); });
}

// Redis's answer to a takeover: T ok side stranger left_reason pid stranger_away held... |
// T used | T gone.
void redis_pool::on_taken_over(client_id id, const reply& r) {
  pool_event e;
  e.to = id;
  e.type = pool_event::kind::resume_failed;
  const auto& el = r.elements;
  if (!r.ok() || el.size() < 2 || el[0].str != "T") {
    log_line("pool_error").add("op", "takeover");
    e.text = "unavailable";
  } else if (el[1].str != "ok" || el.size() < 7) {
    e.text = el[1].str;
  } else {
    e.type = pool_event::kind::resumed;
    e.role = el[2].str == "initiator" ? p::role::initiator : p::role::responder;
    e.pairing = el[5].str;
    const std::string& stranger = el[3].str;
    if (stranger.empty()) {
      e.stranger_left = true;
      e.reason = reason_from(el[4].str).value_or(p::leave_reason::disconnect);
    }
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = clients_.find(id);
    if (it == clients_.end()) return;  // the new connection is gone already
    it->second.stranger = stranger;
    // Both halves were lost and the stranger is not back yet: its old node is gone, so what we
    // send it goes through op hold (kept for it, or forwarded once it resumed), never to a
    // channel nobody reads.
    if (el[6].str == "1") it->second.away_stranger = stranger;
    if (const auto local = local_id(stranger)) {
      // Same node: its relay target moves now (the `S` on our channel says the same, later).
      e.stranger = *local;
      auto other = clients_.find(*local);
      if (other != clients_.end()) {
        other->second.stranger = gid(id);
      }
    }
  }
  pool_events ev{std::move(e)};
  // Then what the stranger sent while it was away, in order.
  for (std::size_t i = 7; ev.front().type == pool_event::kind::resumed && i < el.size(); ++i) {
    pool_event held;
    held.type = pool_event::kind::relayed;
    held.to = id;
    held.text = el[i].str;
    ev.push_back(std::move(held));
  }
  if (ev.front().stranger_left) {
    pool_event left;
    left.type = pool_event::kind::partner_left;
    left.to = id;
    left.reason = ev.front().reason;
    ev.push_back(std::move(left));
  }
  emit(std::move(ev));
}

void redis_pool::tick(pairing::time_point, pool_events&) {
  if (available()) run({"tick"});
}

bool redis_pool::relay(client_id from, std::string text, pool_events& out) {
  std::string to;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = clients_.find(from);
    if (it == clients_.end() || it->second.stranger.empty()) return false;
    to = it->second.stranger;
    if (it->second.away_stranger == to) {
      // Held in Redis until the stranger resumes (on any node), or sent on if it did already.
      commands_->command(
          eval_command({"hold", to, gid(from), text, std::to_string(cfg_.held_bytes_max)}));
      return true;
    }
    if (const auto local = local_id(to)) {
      // Same node: straight across, if the stranger still has us (it may have moved on, and
      // hears of it from Redis shortly; the message is then dropped, as it would be there).
      auto other = clients_.find(*local);
      if (other != clients_.end() && other->second.stranger == gid(from)) {
        out.push_back(pool_event::relayed_to(*local, std::move(text), from));
      }
      return true;
    }
  }
  commands_->command(
      {"PUBLISH", "nt:ch:" + node_of(to), "R\n" + to + "\n" + gid(from) + "\n" + text});
  return true;
}

bool redis_pool::has_stranger(client_id id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = clients_.find(id);
  return it != clients_.end() && !it->second.stranger.empty();
}

client_id redis_pool::local_stranger(client_id id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = clients_.find(id);
  if (it == clients_.end()) return 0;
  return local_id(it->second.stranger).value_or(0);
}

std::uint64_t redis_pool::online(std::uint64_t local) const {
  return available() ? std::max(online_total_.load(), local) : local;
}

// --- Talking to Redis ------------------------------------------------------------------------

// EVAL of the pairing script: op now(-1: Redis's clock) interest_wait args...
std::vector<std::string> redis_pool::eval_command(
    const std::vector<std::string>& script_args) const {
  std::vector<std::string> cmd = {"EVAL", pairing_script,
                                  "0",    script_args[0],
                                  "-1",   std::to_string(cfg_.interest_wait.count())};
  cmd.insert(cmd.end(), script_args.begin() + 1, script_args.end());
  return cmd;
}

void redis_pool::run(std::vector<std::string> script_args, client_id who,
                     std::string believed_stranger, p::leave_reason reason) {
  const bool tell = who != 0 && script_args[0] != "disconnect";
  ++in_flight_;
  commands_->command(eval_command(script_args),
                     [this, who, tell, believed = std::move(believed_stranger), reason](reply r) {
                       --in_flight_;
                       if (!r.ok()) {
                         if (tell) {
                           pool_events ev;
                           unavailable(who, ev);
                           emit(std::move(ev));
                         }
                         log_line("pool_error").add("error", r.str.substr(0, r.str.find(' ')));
                       }
                       if (believed.empty()) return;
                       // Did Redis tell the stranger we believed in? If it had lost the pair, we
                       // do.
                       for (std::size_t i = 0; i + 1 < r.elements.size(); ++i)
                         if (r.elements[i].str == "L" && r.elements[i + 1].str == believed) return;
                       publish_left(believed, reason, gid(who));
                     });
}

void redis_pool::publish_left(const std::string& to, p::leave_reason reason,
                              const std::string& from) {
  // "*": not tied to a request number; the receiver checks that `from` is still its stranger.
  const std::string msg = "L\n" + to + "\n" + p::to_string(reason) + "\n*\n" + from;
  if (const auto local = local_id(to)) {
    on_channel(msg);
    return;
  }
  commands_->command({"PUBLISH", "nt:ch:" + node_of(to), msg});
}

void redis_pool::on_channel(const std::string& msg) {
  pool_events ev;
  const auto kind = msg.substr(0, msg.find('\n'));
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (kind == "M") {
      // M to role stranger ops pairing common
      const auto f = split_fields(msg, 6);
      if (f.size() != 7) return;
      const auto id = local_id(f[1]);
      auto it = id ? clients_.find(*id) : clients_.end();
      if (it == clients_.end() || std::to_string(it->second.ops) != f[4]) return;  // overtaken
      it->second.stranger = f[3];
      it->second.searching = false;
      pool_event e;
      e.type = pool_event::kind::matched;
      e.to = *id;
      e.role = f[2] == "initiator" ? p::role::initiator : p::role::responder;
      if (resumable()) e.pairing = f[5];  // tokens only when a node could take them
      for (std::size_t at = 0; at < f[6].size();) {
        const auto nl = f[6].find('\n', at);
        e.common.push_back(f[6].substr(at, nl == std::string::npos ? nl : nl - at));
        if (nl == std::string::npos) break;
        at = nl + 1;
      }
      e.stranger = local_id(f[3]).value_or(0);
      ev.push_back(std::move(e));
    } else if (kind == "L") {
      // L to reason ops from
      const auto f = split_fields(msg, 4);
      if (f.size() != 5) return;
      const auto id = local_id(f[1]);
      const auto reason = reason_from(f[2]);
      auto it = id ? clients_.find(*id) : clients_.end();
      if (it == clients_.end() || !reason || it->second.stranger != f[4]) return;
      if (f[3] != "*" && std::to_string(it->second.ops) != f[3]) return;
      it->second.stranger.clear();
      pool_event e;
      e.type = pool_event::kind::partner_left;
      e.to = *id;
      e.reason = *reason;
      ev.push_back(std::move(e));
    } else if (kind == "B") {
      // B to seconds: banned (a refused request, or a ban that just started). Not tied to a
      // request number: whatever the client asked since, it is banned now.
      const auto f = split_fields(msg, 2);
      if (f.size() != 3) return;
      const auto id = local_id(f[1]);
      auto it = id ? clients_.find(*id) : clients_.end();
      std::uint64_t left = 0;
      try {
        left = std::stoull(f[2]);
      } catch (...) {
        return;
      }
      if (it == clients_.end() || left == 0) return;
      it->second.searching = false;  // out of the queue
      pool_event e;
      e.type = pool_event::kind::banned;
      e.to = *id;
      e.retry_after = left;
      ev.push_back(std::move(e));
    } else if (kind == "S") {
      // S to old new: the stranger resumed on a new connection (any node); relay there now.
      const auto f = split_fields(msg, 3);
      if (f.size() != 4) return;
      const auto id = local_id(f[1]);
      auto it = id ? clients_.find(*id) : clients_.end();
      if (it != clients_.end() && it->second.stranger == f[2]) {
        it->second.stranger = f[3];
      }
    } else if (kind == "A") {
      // A to stranger: the stranger's socket was lost; what `to` sends it is held in Redis.
      const auto f = split_fields(msg, 2);
      if (f.size() != 3) return;
      const auto id = local_id(f[1]);
      auto it = id ? clients_.find(*id) : clients_.end();
      if (it != clients_.end() && it->second.stranger == f[2]) it->second.away_stranger = f[2];
    } else if (kind == "R") {
      // R to from text
      const auto f = split_fields(msg, 3);
      if (f.size() != 4) return;
      const auto id = local_id(f[1]);
      auto it = id ? clients_.find(*id) : clients_.end();
      if (it == clients_.end() || it->second.stranger != f[2]) return;  // no longer theirs
      ev.push_back(pool_event::relayed_to(*id, f[3]));
    }
  }
  emit(std::move(ev));
}

void redis_pool::emit(pool_events events) {
  if (!events.empty() && deliver_ && !stopped_) deliver_(std::move(events));
}

// --- Health ----------------------------------------------------------------------------------

void redis_pool::on_up() {
  if (!commands_->up() || !events_->up()) return;
  if (available_.exchange(true)) return;
  // A new life of this node id may find the last one's clients: they are gone.
  fetch_day_keys();
  fetch_resume_key();
  if (!first_up_done_) {
    first_up_done_ = true;
    run({"reap", cfg_.node_id, std::to_string(cfg_.resume_grace.count())});
  }
  std::vector<std::pair<client_id, std::vector<std::string>>> rejoin;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& [id, c] : clients_) {
      if (!c.searching || !c.prefs) continue;
      std::vector<std::string> args = {"join", gid(id), p::to_string(c.prefs->mode),
                                       joined(c.prefs->interests), std::to_string(++c.ops)};
      add_ban_args(args, c.from);
      rejoin.push_back({id, std::move(args)});
    }
  }
  log_line("pool_available").add("rejoined", std::uint64_t{rejoin.size()});
  for (auto& [id, args] : rejoin) run(std::move(args), id);
  send_heartbeat();
}

void redis_pool::on_down() {
  if (!available_.exchange(false)) return;
  pool_events ev;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& [id, c] : clients_) unavailable(id, ev);
  }
  log_line("pool_unavailable").add("clients", std::uint64_t{ev.size()});
  emit(std::move(ev));
}

// Renews this node's lease with its count, reaps expired nodes; the reply ends with everyone
// online on every node.
void redis_pool::send_heartbeat() {
  const std::vector<std::string> args = {
      "heartbeat", cfg_.node_id, std::to_string(local_online_ ? local_online_() : 0),
      std::to_string(cfg_.alive_for.count()), std::to_string(cfg_.resume_grace.count())};
  commands_->command(eval_command(args), [this](reply r) {
    for (std::size_t i = 0; i + 1 < r.elements.size(); ++i)
      if (r.elements[i].str == "O") online_total_ = std::stoull(r.elements[i + 1].str);
  });
}

// The day keys every node hashes addresses with: the first node to offer one for a day sets it
// (SET NX in the script), everyone reads the same. Tomorrow's is fetched ahead, so midnight
// needs no round trip. The keys are never logged.
void redis_pool::fetch_day_keys() {
  if (!cfg_.day_keys) {
    day_keys_known_ = true;
    return;
  }
  day_keys_fetched_ms_ = steady_ms();
  commands_->command(
      eval_command({"daykeys", random_day_key(), random_day_key(), random_day_key()}),
      [this](reply r) {
        if (!r.ok() || r.elements.size() != 5 || r.elements[0].str != "K") {
          log_line("pool_error").add("op", "daykeys");
          return;
        }
        std::int64_t day = 0;
        try {
          day = std::stoll(r.elements[1].str);
        } catch (...) {
          return;
        }
        for (int i = 0; i < 3; ++i) cfg_.day_keys->set_day_key(day - 1 + i, r.elements[2 + i].str);
        day_keys_known_ = true;
      });
}

// Without a key file every node signs resume tokens with the key in Redis, so any node accepts
// any node's tokens. Never logged.
void redis_pool::fetch_resume_key() {
  if (!cfg_.use_resume_key) {
    resume_key_known_ = true;
    return;
  }
  commands_->command(eval_command({"resumekey", random_day_key()}), [this](reply r) {
    if (!r.ok() || r.elements.size() != 2 || r.elements[0].str != "RK" ||
        r.elements[1].str.size() < resume_key_bytes) {
      log_line("pool_error").add("op", "resumekey");
      return;
    }
    cfg_.use_resume_key(r.elements[1].str);
    resume_key_known_ = true;
  });
}

void redis_pool::heartbeat() {
  if (stopped_) return;
  if (available_ && steady_ms() - day_keys_fetched_ms_ >= cfg_.day_keys_interval.count())
    fetch_day_keys();
  if (available()) send_heartbeat();
  heartbeat_timer_.expires_after(cfg_.heartbeat_interval);
  heartbeat_timer_.async_wait([this](error_code ec) {
    if (!ec) heartbeat();
  });
}

}  // namespace novatalk::server::redis
