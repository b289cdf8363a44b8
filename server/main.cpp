// novatalk-server: the signaling server and static site of NovaTalk (docs/server.md).
// Parses the flags, listens, runs the io_context on --threads threads until SIGINT/SIGTERM.
// With --print-headers it only writes the site's headers for a CDN and exits.
#include <csignal>
#include <cstdio>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "server/beast.hpp"
#include "server/cdn_headers.hpp"
#include "server/config.hpp"
#include "server/listener.hpp"
#include "server/log.hpp"
#include "server/redis/redis_pool.hpp"
#include "server/shared_state.hpp"
#include "server/site_config.hpp"
#include "server/ticker.hpp"

namespace ns = novatalk::server;
using namespace std::chrono_literals;

namespace {
// Drain (SIGTERM/SIGINT): clients are told to come back after a random delay under this
// (docs/protocol.md: close 1001 "retry:<ms>"); well within the resume grace.
constexpr auto drain_retry_hint = 5000ms;
// How long the close handshakes may take before the process exits anyway; a second signal
// exits at once.
constexpr auto drain_limit = 5s;
constexpr auto drain_poll = 50ms;
}  // namespace

int main(int argc, char** argv) {
  std::error_code fs_ec;
  const bool has_out_www = std::filesystem::is_directory("out/www", fs_ec);
  auto parsed = ns::parse_config(std::vector<std::string>(argv + 1, argv + argc), has_out_www);
  if (!parsed) {
    const auto& e = parsed.error();
    std::fputs(e.text.c_str(), e.code == 0 ? stdout : stderr);
    return e.code;
  }
  const ns::config cfg = parsed.value();
  if (!cfg.print_headers.empty()) {
    const auto policy = ns::site_config(cfg.www_dir).current();
    const auto text = cfg.print_headers == "nginx"
                          ? ns::nginx_snippet(policy)
                          : ns::netlify_headers(policy, ns::site_files(cfg.www_dir));
    std::fputs(text.c_str(), stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
  }

  ns::error_code ec;
  const auto address = ns::net::ip::make_address(cfg.listen_host, ec);
  if (ec) {
    std::fprintf(stderr, "novatalk-server: --listen: bad address\n");
    return 2;
  }

  ns::net::io_context ioc{static_cast<int>(cfg.threads)};
  // Log lines go out together, one write per batch of handlers (server/log.hpp).
  ns::log_defer_to([ex = ioc.get_executor()] { ns::net::post(ex, &ns::log_flush); });
  auto state = std::make_shared<ns::shared_state>(cfg);
  ns::redis::redis_pool* shared_pool = nullptr;
  if (!cfg.redis_url.empty()) {
    // One pool for every node on this Redis; what it reports later goes through the state.
    ns::redis::pool_config pc;
    pc.redis = cfg.redis;
    pc.node_id = cfg.node_id.empty() ? ns::redis::random_node_id() : cfg.node_id;
    pc.interest_wait = cfg.interest_wait;
    pc.bans = novatalk::moderation::ban_config{cfg.ban_reports, cfg.ban_seconds};
    // Resume across nodes: Redis waits for lost clients in calls (and a dead node's).
    pc.resume_grace = cfg.resume_grace;
    pc.held_bytes_max = cfg.send_queue_max;
    std::weak_ptr<ns::shared_state> keyed = state;
    if (cfg.resume_key.empty() && cfg.resume_grace.count() > 0) {
      // No key file: every node signs with the key shared through Redis.
      pc.use_resume_key = [keyed](std::string key) {
        if (auto s = keyed.lock()) s->use_resume_key(std::move(key));
      };
    }
    // Every node hashes addresses with the day keys shared through Redis.
    state->day_keys()->use_shared_keys();
    pc.day_keys = state->day_keys();
    std::weak_ptr<ns::shared_state> weak = state;
    auto p = std::make_unique<ns::redis::redis_pool>(
        ioc.get_executor(), pc,
        [weak](ns::pool_events ev) {
          if (auto s = weak.lock()) s->deliver_pool_events(std::move(ev));
        },
        [weak]() -> std::uint64_t {
          auto s = weak.lock();
          return s ? s->local_online() : 0;
        });
    shared_pool = p.get();
    ns::log_line("pool").add("kind", "redis").add("node", pc.node_id);
    state->use_pool(std::move(p));
  }
  auto server = std::make_shared<ns::listener>(ioc, state);
  if (auto open_ec = server->open(ns::tcp::endpoint{address, cfg.listen_port})) {
    ns::log_line("listen_failed").add("port", int{cfg.listen_port}).add("error", open_ec.message());
    ns::log_flush();
    return 1;
  }
  // The port, never the address: tests and operators read the port from this line.
  ns::log_line("listening")
      .add("port", int{server->port()})
      .add("threads", int(cfg.threads))
      .add("www", cfg.www_dir.empty() ? "none" : "yes");
  ns::log_flush();  // at once: scripts and tests wait for this line
  server->run();
  if (shared_pool) shared_pool->start();
  std::make_shared<ns::ticker>(ioc.get_executor(), state)->run();

  // First signal: drain (stop accepting, close every socket with a retry hint, exit when they
  // are closed or after drain_limit). Calls go on peer to peer and resume elsewhere.
  ns::net::signal_set signals(ioc, SIGINT, SIGTERM);
  ns::net::steady_timer drain_timer(ioc);
  std::chrono::steady_clock::time_point drain_deadline;
  std::function<void(ns::error_code)> poll = [&](ns::error_code wait_ec) {
    if (wait_ec) return;
    // With --redis, also until Redis has heard of every lost client (so it waits for them).
    const bool settled = state->local_online() == 0 && (!shared_pool || shared_pool->idle());
    if (settled || std::chrono::steady_clock::now() >= drain_deadline) {
      ns::log_line("drained").add("left_open", state->local_online());
      ioc.stop();
      return;
    }
    drain_timer.expires_after(drain_poll);
    drain_timer.async_wait(poll);
  };
  signals.async_wait([&](ns::error_code signal_ec, int signal) {
    if (signal_ec) return;
    ns::log_line("stopping").add("signal", signal);
    server->stop();
    state->drain("retry:" + std::to_string(drain_retry_hint.count()));
    drain_deadline = std::chrono::steady_clock::now() + drain_limit;
    poll({});
    signals.async_wait([&ioc](ns::error_code e, int) {
      if (!e) ioc.stop();
    });
  });

  std::vector<std::thread> threads;
  for (unsigned i = 1; i < cfg.threads; ++i) threads.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : threads) t.join();
  ns::log_defer_to({});  // the io_context runs no flush any more: what is left goes out now

  // Sessions die with the io_context below; none of them may deliver anything any more.
  state->stop();
  ns::log_line("stopped");  // written at once (no deferral any more)
  return 0;
}
