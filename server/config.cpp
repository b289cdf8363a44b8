// Parsing and validating the command line (see config.hpp). Every refusal names the flag and
// what was wrong, because an operator reads it in a deploy log.
#include "server/config.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>

#include "core/embed/origin_rules.hpp"
#include "server/resume_token.hpp"

namespace novatalk::server {
namespace {

template <class T>
bool parse_number(const std::string& s, T& out) {
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

bool is_ip_literal(const std::string& host) {
  unsigned char buf[16];
  return inet_pton(AF_INET, host.c_str(), buf) == 1 || inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

// "HOST:PORT" or "[V6]:PORT".
std::string parse_listen(const std::string& v, config& c) {
  const auto colon = v.rfind(':');
  if (colon == std::string::npos) return "expected HOST:PORT";
  std::string host = v.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  if (host == "localhost") host = "127.0.0.1";
  if (!is_ip_literal(host)) return "HOST must be an IP address (e.g. 127.0.0.1, 0.0.0.0, [::1])";
  std::uint16_t port = 0;
  if (!parse_number(v.substr(colon + 1), port)) return "PORT must be a number from 0 to 65535";
  c.listen_host = host;
  c.listen_port = port;
  return {};
}

// The array goes to browsers as RTCConfiguration.iceServers: refuse what they would reject.
std::string parse_ice_servers(const std::string& v, config& c) {
  const auto j = nlohmann::json::parse(v, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return "not valid JSON";
  if (!j.is_array()) return "must be a JSON array of RTCIceServer objects";
  for (const auto& server : j) {
    if (!server.is_object() || !server.contains("urls"))
      return "every element must be an object with \"urls\"";
    const auto& urls = server["urls"];
    const bool ok = urls.is_string() ||
                    (urls.is_array() && !urls.empty() &&
                     std::all_of(urls.begin(), urls.end(), [](auto& u) { return u.is_string(); }));
    if (!ok) return "\"urls\" must be a string or a non-empty array of strings";
  }
  c.ice_servers_json = j.dump();
  return {};
}

// The whole file is the secret, without its trailing line break (editors add one).
std::string read_turn_secret(const std::string& path, config& c) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "cannot read the file";
  std::ostringstream text;
  text << in.rdbuf();
  std::string secret = text.str();
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  if (secret.empty()) return "the file is empty";
  if (secret.size() > 4096) return "the secret is longer than 4096 bytes";
  c.turn_secret = std::move(secret);
  return {};
}

// Comma-separated turn: / turns: URIs (RFC 7065), passed to browsers as one RTCIceServer.
std::string parse_turn_uris(const std::string& v, config& c) {
  std::vector<std::string> uris;
  std::size_t start = 0;
  while (start <= v.size()) {
    const std::size_t comma = std::min(v.find(',', start), v.size());
    const std::string uri = v.substr(start, comma - start);
    const bool scheme_ok = uri.rfind("turn:", 0) == 0 || uri.rfind("turns:", 0) == 0;
    if (!scheme_ok || uri.size() <= 6) return "every URI must start with turn: or turns:";
    if (uri.find_first_of(" \"\\") != std::string::npos)
      return "URIs must not contain spaces or quotes";
    uris.push_back(uri);
    start = comma + 1;
  }
  c.turn_uris = std::move(uris);
  return {};
}

// "ORIGIN,ORIGIN", each normalised as browsers serialise it (lowercase, no default port), so the
// upgrade's Origin header can be compared byte for byte.
std::string parse_allowed_origins(const std::string& v, config& c) {
  std::vector<std::string> origins;
  std::size_t start = 0;
  while (start <= v.size()) {
    const std::size_t comma = std::min(v.find(',', start), v.size());
    const std::string entry = v.substr(start, comma - start);
    auto origin = embed::normalize_origin(entry);
    if (!origin) return "\"" + entry + "\": " + origin.error().message;
    if (std::find(origins.begin(), origins.end(), origin.value()) == origins.end())
      origins.push_back(std::move(origin.value()));
    start = comma + 1;
  }
  c.allowed_origins = std::move(origins);
  return {};
}

bool is_known(const std::string& flag) {
  for (const char* f : {"--listen", "--www", "--ice-servers", "--interest-wait", "--threads",
                        "--send-queue-max", "--turn-secret-file", "--turn-uris", "--turn-ttl",
                        "--allowed-origins", "--print-headers", "--redis", "--node-id",
                        "--trusted-proxies", "--ban-reports", "--ban-seconds", "--msg-burst",
                        "--msg-rate", "--next-interval-ms", "--send-queue-bytes", "--ping-interval",
                        "--idle-timeout", "--handshake-timeout", "--max-conns-per-ip",
                        "--max-new-conns-per-ip", "--resume-key-file", "--resume-ttl",
                        "--resume-grace"})
    if (flag == f) return true;
  return false;
}

std::string apply(const std::string& flag, const std::string& v, config& c) {
  if (flag == "--listen") return parse_listen(v, c);
  if (flag == "--www") {
    std::error_code ec;
    if (v.empty() || !std::filesystem::is_directory(v, ec)) return "not a directory";
    c.www_dir = v;
    return {};
  }
  if (flag == "--ice-servers") return parse_ice_servers(v, c);
  if (flag == "--interest-wait") {
    unsigned seconds = 0;
    if (!parse_number(v, seconds) || seconds > 3600) return "must be whole seconds from 0 to 3600";
    c.interest_wait = std::chrono::seconds(seconds);
    return {};
  }
  if (flag == "--threads") {
    unsigned n = 0;
    if (!parse_number(v, n) || n < 1 || n > 256) return "must be a number from 1 to 256";
    c.threads = n;
    return {};
  }
  if (flag == "--send-queue-bytes" || flag == "--send-queue-max") {  // the old name: an alias
    std::size_t n = 0;
    // Below one largest frame a single relay would close the receiver.
    if (!parse_number(v, n) || (n != 0 && n < 64 * 1024) || n > (std::size_t{1} << 30))
      return "must be 0 (unbounded) or bytes from 65536 to 1073741824";
    c.send_queue_max = n;
    return {};
  }
  if (flag == "--ping-interval" || flag == "--idle-timeout" || flag == "--handshake-timeout") {
    unsigned seconds = 0;
    if (!parse_number(v, seconds) || seconds > 3600) return "must be seconds from 0 (off) to 3600";
    (flag == "--ping-interval"  ? c.ping_interval
     : flag == "--idle-timeout" ? c.idle_timeout
                                : c.handshake_timeout) = std::chrono::seconds(seconds);
    return {};
  }
  if (flag == "--max-conns-per-ip" || flag == "--max-new-conns-per-ip") {
    std::uint32_t n = 0;
    if (!parse_number(v, n) || n > 1000000) return "must be a number from 0 (off) to 1000000";
    (flag == "--max-conns-per-ip" ? c.address_limits.max_open : c.address_limits.max_new) = n;
    return {};
  }
  if (flag == "--msg-burst" || flag == "--msg-rate") {
    std::uint32_t n = 0;
    if (!parse_number(v, n) || n > 1000000) return "must be a number from 0 (off) to 1000000";
    (flag == "--msg-burst" ? c.message_limits.burst : c.message_limits.rate) = n;
    return {};
  }
  if (flag == "--next-interval-ms") {
    std::uint32_t ms = 0;
    if (!parse_number(v, ms) || ms > 3600000) return "must be milliseconds from 0 (off) to 3600000";
    c.message_limits.next_interval = std::chrono::milliseconds(ms);
    return {};
  }
  if (flag == "--turn-secret-file") return read_turn_secret(v, c);
  if (flag == "--turn-uris") return parse_turn_uris(v, c);
  if (flag == "--turn-ttl") {
    unsigned seconds = 0;
    // Under a minute, a browser may not finish gathering with it; a day is coturn's own cap.
    if (!parse_number(v, seconds) || seconds < 60 || seconds > 86400)
      return "must be whole seconds from 60 to 86400";
    c.turn_ttl = std::chrono::seconds(seconds);
    return {};
  }
  if (flag == "--allowed-origins") return parse_allowed_origins(v, c);
  if (flag == "--trusted-proxies") {
    auto networks = parse_networks(v);
    if (!networks) return networks.error();
    c.trusted_proxies = std::move(networks.value());
    return {};
  }
  if (flag == "--print-headers") {
    if (v != "netlify" && v != "nginx") return "must be netlify or nginx";
    c.print_headers = v;
    return {};
  }
  if (flag == "--redis") {
    auto parsed = redis::parse_url(v);
    if (auto* why = std::get_if<std::string>(&parsed)) return *why;
    c.redis = std::get<redis::endpoint>(parsed);
    c.redis_url = v;
    return {};
  }
  if (flag == "--node-id") {
    if (!redis::valid_node_id(v)) return "must be 1 to 64 of A-Z a-z 0-9 _ -";
    c.node_id = v;
    return {};
  }
  if (flag == "--ban-reports") {
    std::uint32_t n = 0;
    if (!parse_number(v, n) || n > 1000) return "must be a number from 0 (off) to 1000";
    c.ban_reports = n;
    return {};
  }
  if (flag == "--ban-seconds") {
    unsigned seconds = 0;
    // A ban is found under today's and yesterday's address key only (they rotate daily).
    if (!parse_number(v, seconds) || seconds < 1 || seconds > 86400)
      return "must be whole seconds from 1 to 86400";
    c.ban_seconds = std::chrono::seconds(seconds);
    return {};
  }
  if (flag == "--resume-key-file") {
    auto key = load_or_create_resume_key(v);
    if (!key) return key.error();
    c.resume_key = std::move(key.value());
    return {};
  }
  if (flag == "--resume-ttl") {
    unsigned seconds = 0;
    // Refreshed at two thirds: under 10 s the refreshes would be a steady stream.
    if (!parse_number(v, seconds) || seconds < 10 || seconds > 3600)
      return "must be whole seconds from 10 to 3600";
    c.resume_ttl = std::chrono::seconds(seconds);
    return {};
  }
  if (flag == "--resume-grace") {
    unsigned seconds = 0;
    if (!parse_number(v, seconds) || seconds > 600) return "must be whole seconds from 0 to 600";
    c.resume_grace = std::chrono::seconds(seconds);
    return {};
  }
  return "unknown flag";  // unreachable: is_known() is checked first
}

}  // namespace

std::string help_text() {
  const config d;
  return "usage: novatalk-server [flags]\n"
         "  --listen HOST:PORT     address to listen on; port 0 picks a free port\n"
         "                         (default " +
         d.listen_host + ":" + std::to_string(d.listen_port) +
         ")\n"
         "  --www DIR              static site to serve (default out/www if it exists, else none)\n"
         "  --ice-servers JSON     JSON array sent to clients as iceServers\n"
         "                         (default " +
         d.ice_servers_json +
         ")\n"
         "  --interest-wait SECS   how long common interests are preferred before anyone will do\n"
         "                         (default " +
         std::to_string(d.interest_wait.count() / 1000) +
         ")\n"
         "  --threads N            I/O threads (default " +
         std::to_string(d.threads) +
         ")\n"
         "  --send-queue-bytes BYTES  outgoing bytes queued per connection before it is closed\n"
         "                         (1008); at least 65536 (default " +
         std::to_string(d.send_queue_max) +
         "); --send-queue-max is an alias\n"
         "  --ping-interval SECS   WebSocket ping to every connection (default " +
         std::to_string(d.ping_interval.count()) +
         ")\n"
         "  --idle-timeout SECS    a connection heard nothing from (not even a pong) is closed\n"
         "                         and leaves the queue (default " +
         std::to_string(d.idle_timeout.count()) +
         ")\n"
         "  --handshake-timeout SECS  an HTTP request or WebSocket upgrade must arrive within it\n"
         "                         (default " +
         std::to_string(d.handshake_timeout.count()) +
         ")\n"
         "  --max-conns-per-ip N   open WebSockets per client address; past it 429 (default " +
         std::to_string(d.address_limits.max_open) +
         ")\n"
         "  --max-new-conns-per-ip N  new WebSockets per address per second; past it 429\n"
         "                         (default " +
         std::to_string(d.address_limits.max_new) +
         ")\n"
         "  --msg-burst N          messages a connection may send at once (default " +
         std::to_string(d.message_limits.burst) +
         ")\n"
         "  --msg-rate N           messages per second after the burst (default " +
         std::to_string(d.message_limits.rate) +
         ");\n"
         "                         over either: error rate_limited; a burst more while limited\n"
         "                         closes the connection (1008)\n"
         "  --next-interval-ms MS  at most one next or report per MS (default " +
         std::to_string(d.message_limits.next_interval.count()) +
         ")\n"
         "                         (every limit: 0 turns it off)\n"
         "  --turn-secret-file PATH  shared secret of the TURN server (coturn "
         "static-auth-secret);\n"
         "                         read from a file so it is never on a command line\n"
         "  --turn-uris LIST       comma-separated turn:/turns: URIs; with a secret, each client "
         "gets\n"
         "                         time-limited credentials for them (default none: no TURN)\n"
         "  --turn-ttl SECS        lifetime of those credentials (default " +
         std::to_string(d.turn_ttl.count()) +
         ")\n"
         "  --allowed-origins LIST comma-separated origins (https://host[:port]) whose pages may\n"
         "                         open the WebSocket; others get 403 (default none: any origin)\n"
         "  --trusted-proxies LIST comma-separated IPs/CIDRs of our own proxies (10.0.0.0/8,::1):\n"
         "                         from them, X-Forwarded-For names the client (default none)\n"
         "  --print-headers KIND   write the site's headers for a CDN to stdout and exit: netlify\n"
         "                         (a _headers file, also Cloudflare Pages) or nginx (a snippet)\n"
         "  --redis URL            redis://HOST:PORT[/DB]: one pool of strangers shared by every\n"
         "                         node on that Redis (default none: this process's own pool)\n"
         "  --node-id NAME         this node's name in Redis, A-Z a-z 0-9 _ - (default: random)\n"
         "  --ban-reports N        an address reported by N distinct strangers within an hour is\n"
         "                         banned; 0 turns bans off (default " +
         std::to_string(d.ban_reports) +
         ")\n"
         "  --ban-seconds SECS     how long such a ban lasts, at most 86400 (default " +
         std::to_string(d.ban_seconds.count()) +
         ")\n"
         "  --resume-key-file PATH key of the resume tokens (created, 32 random bytes, mode 0600,\n"
         "                         if missing); the same file lets a restarted process resume\n"
         "                         (default none: a key per process, resume within it only)\n"
         "  --resume-ttl SECS      lifetime of a resume token; refreshed at two thirds (default " +
         std::to_string(d.resume_ttl.count()) +
         ")\n"
         "  --resume-grace SECS    how long a dropped client in a call is waited for before its\n"
         "                         stranger hears partner_left; 0 turns resume off (default " +
         std::to_string(d.resume_grace.count()) +
         ")\n"
         "  --help                 show this help\n";
}

result<config, parse_exit> parse_config(const std::vector<std::string>& args,
                                        bool cwd_has_out_www) {
  config c;
  if (cwd_has_out_www) c.www_dir = "out/www";
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    if (flag == "--help" || flag == "-h") return fail(parse_exit{0, help_text()});
    std::string value;
    bool has_value = false;
    if (const auto eq = flag.find('='); flag.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = flag.substr(eq + 1);  // --flag=value
      flag = flag.substr(0, eq);
      has_value = true;
    }
    const auto refuse = [&](const std::string& why) {
      return fail(parse_exit{
          2, "novatalk-server: " + flag + ": " + why + "\n(see novatalk-server --help)\n"});
    };
    if (!is_known(flag)) return refuse("unknown flag");
    if (!has_value) {
      if (i + 1 >= args.size()) return refuse("missing value");
      value = args[++i];
    }
    if (auto why = apply(flag, value, c); !why.empty())
      return refuse(why + " (got \"" + value + "\")");
  }
  if (c.turn_secret.empty() != c.turn_uris.empty()) {
    return fail(parse_exit{2,
                           "novatalk-server: --turn-secret-file and --turn-uris go together\n"
                           "(see novatalk-server --help)\n"});
  }
  if (!c.node_id.empty() && c.redis_url.empty()) {
    return fail(parse_exit{2,
                           "novatalk-server: --node-id needs --redis\n"
                           "(see novatalk-server --help)\n"});
  }
  if (c.ping_interval.count() != 0 && c.idle_timeout.count() != 0 &&
      c.ping_interval >= c.idle_timeout) {
    return fail(parse_exit{2,
                           "novatalk-server: --ping-interval must be shorter than --idle-timeout\n"
                           "(a quiet live client answers pings only as often as it gets them)\n"});
  }
  if (!c.print_headers.empty() && c.www_dir.empty()) {
    return fail(parse_exit{2,
                           "novatalk-server: --print-headers needs the site: --www DIR\n"
                           "(see novatalk-server --help)\n"});
  }
  return c;
}

}  // namespace novatalk::server
