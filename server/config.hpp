// The server's command line: one struct with the defaults, parsed and validated once at start-up.
// Beast-free, so the flag rules are unit-tested without sockets.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/util/result.hpp"
#include "server/address_limits.hpp"
#include "server/client_address.hpp"
#include "server/message_limits.hpp"
#include "server/redis/redis_url.hpp"

namespace novatalk::server {

struct config {
  std::string listen_host = "127.0.0.1";  // --listen HOST:PORT, an IPv4 or [IPv6] literal
  std::uint16_t listen_port = 8080;       // 0 = the system picks a free port (logged at start)
  std::string www_dir;                    // --www: "out/www" if it exists in cwd, else no site
  std::string ice_servers_json =          // --ice-servers: JSON array sent in welcome.iceServers
      R"([{"urls":"stun:stun.l.google.com:19302"}])";
  std::chrono::milliseconds interest_wait{5000};  // --interest-wait SECONDS before anyone will do
  unsigned threads = 1;                           // --threads: io_context threads
  // --send-queue-bytes (alias --send-queue-max): bytes queued for one connection before it is
  // closed; 0 = unbounded. Two largest frames (64 KiB each): a reader with one frame in flight
  // still takes another, and a whole call's signaling (two SDPs <= 32 KiB, candidates) fits.
  std::size_t send_queue_max = 128 * 1024;
  std::chrono::seconds ping_interval{20};      // --ping-interval: a WebSocket ping (0 = none)
  std::chrono::seconds idle_timeout{30};       // --idle-timeout: nothing heard, closed (0 = never)
  std::chrono::seconds handshake_timeout{10};  // --handshake-timeout: HTTP request / upgrade
  address_limits_config address_limits;        // --max-conns-per-ip, --max-new-conns-per-ip
  // --msg-burst, --msg-rate, --next-interval-ms: per connection (server/message_limits).
  message_limits_config message_limits;
  // TURN with time-limited credentials (coturn `use-auth-secret`); off unless both are given.
  std::string turn_secret;             // --turn-secret-file PATH: read once, never logged
  std::vector<std::string> turn_uris;  // --turn-uris turn:h:3478?transport=udp,turns:h:443?...
  std::chrono::seconds turn_ttl{600};  // --turn-ttl SECONDS a credential stays valid
  // --allowed-origins ORIGIN,ORIGIN: the WebSocket upgrade's Origin must be one of them (exact
  // match); empty = any origin, even none (native clients, tests).
  std::vector<std::string> allowed_origins;
  // --trusted-proxies IP[/BITS],...: peers whose X-Forwarded-For names the client (our own load
  // balancers); empty = the socket's peer is the client (server/client_address).
  ip_networks trusted_proxies;
  // --print-headers netlify|nginx: write the site's headers for a CDN to stdout and exit
  // (server/cdn_headers); needs a site (--www or ./out/www).
  std::string print_headers;
  // --redis redis://HOST:PORT[/DB]: share one pool of strangers with every node on that Redis
  // (server/redis/redis_pool); without it, the pool is this process's own.
  std::string redis_url;  // as given, for the log (it holds no secret: credentials are refused)
  redis::endpoint redis;
  std::string node_id;  // --node-id: this node's name in Redis (default: random per start)
  // Bans after reports (docs/server.md, "Reports and bans"): an address reported by
  // --ban-reports distinct strangers within an hour is banned for --ban-seconds.
  std::uint32_t ban_reports = 3;         // 0 = bans off
  std::chrono::seconds ban_seconds{3600};  // at most a day: the address keys rotate daily
  // Session resume (docs/protocol.md, "Resume after a dropped socket").
  std::string resume_key;  // --resume-key-file PATH: its bytes (never logged); "" = per process
  std::chrono::seconds resume_ttl{60};    // --resume-ttl SECS: a token's lifetime
  std::chrono::seconds resume_grace{20};  // --resume-grace SECS: 0 turns resume off
};

// What parsing decided: run with the config, or print text and exit with a code.
struct parse_exit {
  int code = 2;      // 0 for --help, 2 for a bad command line
  std::string text;  // for stdout (help) or stderr (error)
};

// `args` excludes the program name. `cwd_has_out_www` chooses the --www default.
result<config, parse_exit> parse_config(const std::vector<std::string>& args, bool cwd_has_out_www);

std::string help_text();

}  // namespace novatalk::server
