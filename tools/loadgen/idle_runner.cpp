// Idle mode: N connections opened and held (after `welcome`, or after `join` and `matched`:
// an idle call), then the server's RSS and the kernel's socket memory per connection.
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

class idle_run final : public connection_listener {
 public:
  explicit idle_run(const options& o) : o_(o), welcomed_(o.conns, 0), fleet_(o, *this) {}
  run_report run();

  void on_open(connection&) override { fleet_.settled(); }
  void on_text(connection& c, std::string_view text) override;
  void on_failed(connection& c, const char* what) override;

 private:
  const options& o_;
  std::atomic<std::uint64_t> held_{0};     // welcomed and still open
  std::atomic<std::uint64_t> settled_{0};  // welcomed or failed
  std::atomic<std::uint64_t> matched_{0};
  std::vector<unsigned char> welcomed_;  // per connection, touched by its thread only
  fleet fleet_;                          // last: its threads stop before the counters go
};

void idle_run::on_text(connection& c, std::string_view text) {
  auto decoded = protocol::decode_server(text);
  if (!decoded) return fleet_.error("undecodable");
  const auto& m = decoded.value();
  if (std::holds_alternative<protocol::welcome>(m)) {
    welcomed_[c.index()] = 1;
    ++held_;
    ++settled_;
    if (o_.join) c.send(frames().join);
  } else if (std::holds_alternative<protocol::matched>(m)) {
    ++matched_;
  } else if (const auto* e = std::get_if<protocol::error>(&m)) {
    fleet_.error(std::string("error:") + protocol::to_string(e->code));
  }
}

void idle_run::on_failed(connection& c, const char* what) {
  if (!c.was_opened()) fleet_.settled();
  if (fleet_.is_stopping()) return;
  fleet_.error(what);
  // A connection that never got its welcome settles here; one that did is no longer held.
  if (welcomed_[c.index()]) {
    --held_;
  } else {
    ++settled_;
  }
}

run_report idle_run::run() {
  const auto rss0 = rss_kib(o_.server_pids);
  const auto sock0 = read_sockstat();
  const auto t0 = clock::now();
  const auto deadline = fleet::deadline_after(o_.timeout_s);
  fleet_.open(o_.conns, o_.window);
  bool done = wait_until([&] { return settled_.load() >= o_.conns; }, deadline);
  if (done && o_.join) {
    // Pairs form as joins arrive; an odd one out stays waiting.
    done = wait_until([&] { return matched_.load() >= held_.load() / 2 * 2; }, deadline);
  }
  const double open_s = std::chrono::duration<double>(clock::now() - t0).count();
  std::this_thread::sleep_for(std::chrono::duration<double>(o_.hold_s));
  const auto rss1 = rss_kib(o_.server_pids);
  const auto sock1 = read_sockstat();
  fleet_.stopping();

  run_report r;
  const std::uint64_t held = held_.load();
  auto& j = r.result;
  j["mode"] = "idle";
  j["state"] = o_.join ? "joined" : "connected";
  j["conns"] = o_.conns;
  j["held"] = held;
  j["matched"] = matched_.load();
  j["open_seconds"] = open_s;
  j["hold_seconds"] = o_.hold_s;
  // Bytes per held connection from a before/after pair counted in `unit` bytes.
  auto per_conn = [held](std::uint64_t before, std::uint64_t after, double unit) {
    return held ? (static_cast<double>(after) - static_cast<double>(before)) * unit /
                      static_cast<double>(held)
                : 0.0;
  };
  if (rss0 && rss1) {
    const std::uint64_t before = rss0.value_or(0), after = rss1.value_or(0);
    j["server"] = {{"rss_before_kib", before},
                   {"rss_after_kib", after},
                   {"rss_per_conn_bytes", per_conn(before, after, 1024)}};
  }
  if (sock0 && sock1) {
    // Both ends of each loopback connection: the loadgen's socket counts as much as the
    // server's, so the server's own share is about half.
    j["kernel"] = {
        {"tcp_mem_pages_before", sock0->tcp_mem_pages},
        {"tcp_mem_pages_after", sock1->tcp_mem_pages},
        {"tcp_inuse_after", sock1->tcp_inuse},
        {"tcp_mem_per_conn_bytes_both_ends",
         per_conn(sock0->tcp_mem_pages, sock1->tcp_mem_pages, 4096)},
        {"slab_per_conn_bytes_both_ends", per_conn(sock0->slab_kib, sock1->slab_kib, 1024)}};
  }
  fleet_.report_errors(j);
  r.ok = done && held == o_.conns && fleet_.errors() == 0 &&
         (!o_.join || matched_.load() >= held / 2 * 2);
  return r;
}

}  // namespace

run_report run_idle(const options& o) { return run_scenario<idle_run>(o); }

}  // namespace novatalk::loadgen
