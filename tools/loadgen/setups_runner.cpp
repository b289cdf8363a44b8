// Setups mode: P pairs' worth of clients doing call setups in a loop, as fast as the server
// answers: join -> matched -> the initiator's offer (2 KB SDP) and 4 candidates -> the
// responder's answer and 4 candidates -> the initiator's `next` (the responder hears
// partner_left and joins again). Pairs form as the server decides; any two clients may meet.
#include <atomic>
#include <thread>
#include <vector>

#include "tools/loadgen/fleet.hpp"
#include "tools/loadgen/proc_stats.hpp"
#include "tools/loadgen/runners.hpp"
#include "tools/loadgen/scenario_frames.hpp"

namespace novatalk::loadgen {
namespace {

using clock = std::chrono::steady_clock;
constexpr int candidates_per_side = 4;

struct client_state {
  std::uint64_t searching_since_ns = 0;  // join or next sent, no matched yet; 0 otherwise
  bool in_call = false;
  bool initiator = false;
  bool got_sdp = false;  // the offer (responder) or the answer (initiator)
  int candidates = 0;
};

class setups_run final : public fleet_listener {
 public:
  explicit setups_run(const options& o)
      : o_(o), clients_(o.pairs * 2), latency_(o.threads), fleet_(o, *this) {}
  run_report run();

  void on_text(connection& c, std::string_view text) override;

 private:
  fleet& own_fleet() override { return fleet_; }
  void search(connection& c, const frame_ptr& frame);
  void on_matched(connection& c, const protocol::matched& m);
  void on_relayed(connection& c, bool sdp);
  void on_partner_left(connection& c);

  const options& o_;
  std::vector<client_state> clients_;  // per connection, touched by its thread only
  std::vector<histogram> latency_;     // join -> matched, per thread
  std::atomic<std::uint64_t> welcomed_{0};
  std::atomic<std::uint64_t> setups_{0};
  std::atomic<bool> running_{false};
  fleet fleet_;
};

void setups_run::search(connection& c, const frame_ptr& frame) {
  clients_[c.index()].searching_since_ns = now_ns();
  c.send(frame);
}

void setups_run::on_text(connection& c, std::string_view text) {
  auto decoded = protocol::decode_server(text);
  if (!decoded) return fleet_.error("undecodable");
  const auto& m = decoded.value();
  if (std::holds_alternative<protocol::welcome>(m)) {
    ++welcomed_;
  } else if (const auto* matched = std::get_if<protocol::matched>(&m)) {
    on_matched(c, *matched);
  } else if (std::holds_alternative<protocol::webrtc_offer>(m) ||
             std::holds_alternative<protocol::webrtc_answer>(m)) {
    const bool is_offer = std::holds_alternative<protocol::webrtc_offer>(m);
    if (is_offer == clients_[c.index()].initiator) fleet_.error("unexpected:sdp_for_role");
    on_relayed(c, true);
  } else if (std::holds_alternative<protocol::webrtc_ice_candidate>(m)) {
    on_relayed(c, false);
  } else if (std::holds_alternative<protocol::partner_left>(m)) {
    on_partner_left(c);
  } else if (const auto* e = std::get_if<protocol::error>(&m)) {
    fleet_.error(std::string("error:") + protocol::to_string(e->code));
  }
}

void setups_run::on_matched(connection& c, const protocol::matched& m) {
  auto& s = clients_[c.index()];
  if (s.in_call) fleet_.error("unexpected:matched_in_call");
  if (s.searching_since_ns && running_.load()) {
    latency_[fleet_.thread_of(c)].record(now_ns() - s.searching_since_ns);
  }
  s = client_state{};
  s.in_call = true;
  s.initiator = m.my_role == protocol::role::initiator;
  if (!running_.load() || !s.initiator) return;
  c.send(frames().offer);
  for (const auto& cand : frames().candidates) c.send(cand);  // trickled at once, as browsers do
}

void setups_run::on_relayed(connection& c, bool sdp) {
  auto& s = clients_[c.index()];
  if (!s.in_call) return fleet_.error("unexpected:relay_outside_call");
  if (sdp) {
    s.got_sdp = true;
    if (!s.initiator && running_.load()) {
      c.send(frames().answer);
      for (const auto& cand : frames().candidates) c.send(cand);
    }
  } else {
    ++s.candidates;
  }
  if (s.initiator && s.got_sdp && s.candidates == candidates_per_side) {
    // A whole setup seen from the initiator: the responder has sent everything, and the server
    // delivers our candidates to it before the partner_left our `next` causes.
    s.in_call = false;
    if (!running_.load()) return;
    ++setups_;
    search(c, frames().next);
  }
}

void setups_run::on_partner_left(connection& c) {
  auto& s = clients_[c.index()];
  if (!s.in_call || s.initiator) {
    fleet_.error("unexpected:partner_left");
  } else if (!s.got_sdp || s.candidates != candidates_per_side) {
    if (running_.load()) fleet_.error("incomplete_setup");
  }
  s.in_call = false;
  if (running_.load()) search(c, frames().join);
}

run_report setups_run::run() {
  const std::size_t count = clients_.size();
  const auto deadline = fleet::deadline_after(o_.timeout_s);
  fleet_.open(count, o_.window);
  const bool connected = wait_until([&] { return welcomed_.load() >= count; }, deadline);

  const auto cpu0 = cpu_seconds(o_.server_pids);
  const auto t0 = clock::now();
  if (connected) {
    running_.store(true);
    fleet_.on_each_thread([this](std::size_t t) {
      for (std::size_t i = t; i < fleet_.size(); i += fleet_.threads()) {
        search(fleet_.at(i), frames().join);
      }
    });
    const auto end = fleet::deadline_after(o_.duration_s);
    if (o_.setups) {
      wait_until([&] { return setups_.load() >= o_.setups; }, end);
    } else {
      std::this_thread::sleep_until(end);
    }
  }
  running_.store(false);
  const std::uint64_t setups = setups_.load();
  const auto t1 = clock::now();
  const auto cpu1 = cpu_seconds(o_.server_pids);
  fleet_.stopping();
  fleet_.shutdown();

  histogram all;
  for (const auto& h : latency_) all.merge(h);
  const double seconds = std::chrono::duration<double>(t1 - t0).count();
  run_report r;
  auto& j = r.result;
  j["mode"] = "setups";
  j["pairs"] = o_.pairs;
  j["connected"] = welcomed_.load();
  j["seconds"] = seconds;
  j["setups"] = setups;
  j["setups_per_s"] = static_cast<double>(setups) / seconds;
  if (cpu0 && cpu1) {
    const double cpu = *cpu1 - *cpu0;
    j["server"] = {{"cpu_seconds", cpu},
                   {"cpu_share", cpu / seconds},
                   {"setups_per_cpu_second", cpu > 0 ? static_cast<double>(setups) / cpu : 0.0}};
  }
  j["join_matched_us"] = percentiles_us(all);
  fleet_.report_errors(j);
  r.ok = connected && setups > 0 && setups >= o_.setups && fleet_.errors() == 0;
  return r;
}

}  // namespace

run_report run_setups(const options& o) { return run_scenario<setups_run>(o); }

}  // namespace novatalk::loadgen
