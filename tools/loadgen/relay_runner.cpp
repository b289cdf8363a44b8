// Relay mode, open loop: once every client is matched, each worker thread sends candidates on
// a fixed schedule (message k at t0 + k / rate) whether or not earlier ones were answered, and
// latency is measured from the intended send time, so a stalled server shows as latency
// instead of silently slowing the sender (no coordinated omission).
#include <sys/prctl.h>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include <boost/asio/steady_timer.hpp>

#include "tools/loadgen/fleet.hpp"
#include "tools/loadgen/proc_stats.hpp"
#include "tools/loadgen/runners.hpp"
#include "tools/loadgen/scenario_frames.hpp"

namespace novatalk::loadgen {
namespace {

using clock = std::chrono::steady_clock;

struct pacer {
  std::unique_ptr<boost::asio::steady_timer> timer;
  std::vector<std::size_t> senders;  // this thread's connections
  std::uint64_t next = 0;            // index of the next message
  std::uint64_t total = 0;           // messages this thread sends
  double interval_ns = 0;
  histogram latency;  // of messages received on this thread
};

class relay_run final : public fleet_listener {
 public:
  explicit relay_run(const options& o) : o_(o), pacers_(o.threads), fleet_(o, *this) {}
  run_report run();

  void on_text(connection& c, std::string_view text) override;

 private:
  fleet& own_fleet() override { return fleet_; }
  void start_pacer(std::size_t t);
  void tick(std::size_t t);

  const options& o_;
  std::vector<pacer> pacers_;
  std::uint64_t t0_ns_ = 0;       // the schedule's start
  std::uint64_t measure_ns_ = 0;  // messages intended from here on are measured
  std::atomic<std::uint64_t> welcomed_{0};
  std::atomic<std::uint64_t> matched_{0};
  std::atomic<std::uint64_t> sent_{0};
  std::atomic<std::uint64_t> received_{0};
  std::atomic<std::uint64_t> pacers_done_{0};
  fleet fleet_;
};

void relay_run::on_text(connection& c, std::string_view text) {
  const std::uint64_t arrived = now_ns();
  auto decoded = protocol::decode_server(text);
  if (!decoded) return fleet_.error("undecodable");
  const auto& m = decoded.value();
  if (const auto* cand = std::get_if<protocol::webrtc_ice_candidate>(&m)) {
    const auto stamp = stamp_of(*cand);
    if (!stamp) return fleet_.error("unstamped_candidate");
    if (*stamp >= measure_ns_) pacers_[fleet_.thread_of(c)].latency.record(arrived - *stamp);
    ++received_;
  } else if (std::holds_alternative<protocol::welcome>(m)) {
    ++welcomed_;
  } else if (std::holds_alternative<protocol::matched>(m)) {
    ++matched_;
  } else if (std::holds_alternative<protocol::partner_left>(m)) {
    fleet_.error("unexpected:partner_left");
  } else if (const auto* e = std::get_if<protocol::error>(&m)) {
    fleet_.error(std::string("error:") + protocol::to_string(e->code));
  }
}

void relay_run::start_pacer(std::size_t t) {
  // The kernel's default 50 us timer slack would be half the budget at 20,000 messages/s.
  prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
  auto& p = pacers_[t];
  p.timer = std::make_unique<boost::asio::steady_timer>(fleet_.context(t));
  tick(t);
}

void relay_run::tick(std::size_t t) {
  auto& p = pacers_[t];
  const std::uint64_t now = now_ns();
  auto intended = [&](std::uint64_t k) {
    return t0_ns_ + static_cast<std::uint64_t>(static_cast<double>(k) * p.interval_ns);
  };
  // Everything due is sent now, late ones included: their lateness counts as latency.
  while (p.next < p.total && intended(p.next) <= now) {
    fleet_.at(p.senders[p.next % p.senders.size()]).send(stamped_candidate(intended(p.next)));
    ++p.next;
    ++sent_;
  }
  if (p.next >= p.total) {
    ++pacers_done_;
    return;
  }
  p.timer->expires_at(clock::time_point(std::chrono::nanoseconds(intended(p.next))));
  p.timer->async_wait([this, t](boost::system::error_code ec) {
    if (!ec) tick(t);
  });
}

run_report relay_run::run() {
  const std::size_t count = o_.pairs * 2;
  const auto deadline = fleet::deadline_after(o_.timeout_s);
  fleet_.open(count, o_.window);
  bool ready = wait_until([&] { return welcomed_.load() >= count; }, deadline);
  if (ready) {
    fleet_.on_each_thread([this](std::size_t t) {
      for (std::size_t i = t; i < fleet_.size(); i += fleet_.threads()) {
        fleet_.at(i).send(frames().join);
      }
    });
    ready = wait_until([&] { return matched_.load() >= count; }, deadline);
  }

  const double per_thread_rate = o_.rate / static_cast<double>(pacers_.size());
  const auto total = static_cast<std::uint64_t>(per_thread_rate * (o_.warmup_s + o_.duration_s));
  t0_ns_ = now_ns() + 10'000'000;  // 10 ms: every pacer is armed before the first message
  measure_ns_ = t0_ns_ + static_cast<std::uint64_t>(o_.warmup_s * 1e9);
  for (std::size_t t = 0; t < pacers_.size(); ++t) {
    auto& p = pacers_[t];
    for (std::size_t i = t; i < count; i += pacers_.size()) p.senders.push_back(i);
    p.total = p.senders.empty() || !ready ? 0 : total;
    p.interval_ns = 1e9 / per_thread_rate;
  }
  std::optional<double> cpu0, cpu1;
  bool sent_all = false, drained = false;
  if (ready) {
    fleet_.on_each_thread([this](std::size_t t) { start_pacer(t); });
    // The server's CPU while measured messages flow.
    std::this_thread::sleep_until(clock::time_point(std::chrono::nanoseconds(measure_ns_)));
    cpu0 = cpu_seconds(o_.server_pids);
    sent_all = wait_until([&] { return pacers_done_.load() >= pacers_.size(); }, deadline);
    cpu1 = cpu_seconds(o_.server_pids);
    drained = wait_until([&] { return received_.load() >= sent_.load(); },
                         std::min(deadline, clock::now() + std::chrono::seconds(5)));
  }
  fleet_.stopping();
  fleet_.shutdown();
  // The timers go while their io_contexts still exist (fleet_, the last member, goes first).
  for (auto& p : pacers_) p.timer.reset();

  histogram all;
  for (const auto& p : pacers_) all.merge(p.latency);
  run_report r;
  auto& j = r.result;
  j["mode"] = "relay";
  j["pairs"] = o_.pairs;
  j["rate"] = o_.rate;
  j["seconds"] = o_.duration_s;
  j["matched"] = matched_.load();
  j["sent"] = sent_.load();
  j["received"] = received_.load();
  j["lost"] = sent_.load() - std::min(sent_.load(), received_.load());
  if (cpu0 && cpu1) {
    j["server"] = {{"cpu_seconds", *cpu1 - *cpu0}, {"cpu_share", (*cpu1 - *cpu0) / o_.duration_s}};
  }
  j["latency_us"] = percentiles_us(all);
  fleet_.report_errors(j);
  r.ok = ready && sent_all && drained && fleet_.errors() == 0 && all.count() > 0;
  return r;
}

}  // namespace

run_report run_relay(const options& o) { return run_scenario<relay_run>(o); }

}  // namespace novatalk::loadgen
