// Fuzz target for server/hub, the server's whole message handling without sockets: the input is a
// script of connects, text and binary frames, disconnects and clock ticks from up to 8 clients,
// and every frame the hub sends out is checked (docs/fuzzing.md).
// Script, one step per line: `c3` connect slot 3 (from address 192.0.2.3; `c37`: from 192.0.2.7,
// so slots can share an address), `m3{json}` a text frame from slot 3 (the rest
// of the line), `M3...` a text frame holding the rest of the input (newlines too), `b3` a binary
// frame, `d3` disconnect, `t1500` 1.5 s pass then tick. Anything else is skipped.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/protocol/codec.hpp"
#include "server/hub.hpp"
#include "server/log.hpp"

namespace {

namespace p = novatalk::protocol;
namespace s = novatalk::server;
using novatalk::pairing::time_point;

[[noreturn]] void violated(const char* what, s::client_id id) {
  std::fprintf(stderr, "hub_fuzz: invariant violated: %s (client %llu)\n", what,
               static_cast<unsigned long long>(id));
  std::abort();
}

class harness {
 public:
  harness()
      : hub_(
            novatalk::pairing::config{std::chrono::milliseconds(5000)},
            // TURN on, so welcome carries minted credentials and tick() refreshes them.
            s::ice_server_list(
                R"([{"urls":"stun:stun.example.org:3478"}])",
                s::turn_config{
                    "fuzz-secret", {"turn:turn.example.org:3478"}, std::chrono::seconds(60)},
                [] { return std::string("00112233445566778899aabbccddeeff"); }),
            [this] { return unix_base_ + elapsed_ms_ / 1000; },
            // Bans within reach of a short script: two reporters ban for a minute.
            novatalk::moderation::ban_config{2, std::chrono::seconds(60),
                                             std::chrono::minutes(10)}) {
    // Message limits within reach too: a burst of 6, 2 a second, one skip a second.
    hub_.use_limits({6, 2, std::chrono::milliseconds(1000)});
  }

  void connect(unsigned slot, unsigned address) {
    if (ids_[slot] != 0) return;  // the server gives every socket a new id
    const s::client_id id = next_id_++;
    ids_[slot] = id;
    connected_.insert(id);
    check(hub_.connect(id, connected_.size(), "192.0.2." + std::to_string(address)), id,
          /*relay_to=*/0);
  }
  void text(unsigned slot, std::string_view frame) {
    const s::client_id id = ids_[slot];
    if (id == 0) return;  // frames only ever come from open sockets
    const s::client_id stranger = hub_.pairing_pool().local_stranger(id);
    check(hub_.message(id, frame, now()), id, stranger);
  }
  void binary(unsigned slot) {
    const s::client_id id = ids_[slot];
    if (id == 0) return;
    check(hub_.binary_message(id, now()), id, 0);
  }
  void disconnect(unsigned slot) {
    const s::client_id id = ids_[slot];
    if (id == 0) return;
    ids_[slot] = 0;
    connected_.erase(id);  // as shared_state does: the session is gone before the hub hears
    check(hub_.disconnect(id, now()), 0, 0);
  }
  void tick(std::uint64_t ms) {
    elapsed_ms_ += ms;
    check(hub_.tick(now()), 0, 0);
  }
  // Everyone leaves: nothing may stay behind for connections that are gone.
  void finish() {
    for (unsigned slot = 0; slot < slots; ++slot) disconnect(slot);
    if (!hub_.partner_online().empty()) violated("partner counts outlive their connections", 0);
    for (s::client_id id = 1; id < next_id_; ++id) {
      if (hub_.reports_against(id) != 0) violated("report count outlives its connection", id);
      if (hub_.pairing_pool().has_stranger(id)) violated("pairing outlives its connection", id);
    }
  }

  static constexpr unsigned slots = 8;

 private:
  time_point now() const { return time_point{} + std::chrono::milliseconds(elapsed_ms_); }

  // `from`: the client whose event this was (0: none), the only one most errors may go to.
  // `relay_to`: its stranger before the event, the only one relayed messages may go to.
  void check(const std::vector<s::outbound>& out, s::client_id from, s::client_id relay_to) {
    std::vector<s::client_id> to_close;
    // The queued offer: a responder's `matched` may be followed at once by its initiator's
    // offer, when that initiator's `matched` in the same batch said offer_sent.
    std::unordered_set<s::client_id> offer_sent, just_matched_responder;
    for (const auto& o : out) {
      auto d = p::decode_server(o.text);
      const auto* m = d ? std::get_if<p::matched>(&d.value()) : nullptr;
      if (m && m->offer_sent) offer_sent.insert(o.to);
    }
    for (const auto& o : out) {
      if (connected_.count(o.to) == 0) violated("frame for a client that is not connected", o.to);
      if (o.close_code != 0) {
        if (o.close_code < 1000 || o.close_code > 4999) violated("bad close code", o.to);
        to_close.push_back(o.to);
      }
      if (o.text.empty()) {
        if (o.close_code == 0) violated("an empty frame without a close", o.to);
        continue;  // only the close
      }
      auto decoded = p::decode_server(o.text);
      if (!decoded) violated("outbound frame is no valid server message", o.to);
      if (p::encode(decoded.value()) != o.text) violated("outbound frame is not canonical", o.to);
      const auto& m = decoded.value();
      if (const auto* e = std::get_if<p::error>(&m)) {
        // Errors answer the sender; only a ban (starting now, because of someone else's
        // report) and an unreachable shared pool are told to others.
        const bool told_anyone =
            e->code == p::error_code::banned || e->code == p::error_code::unavailable;
        if (o.to != from && !told_anyone) {
          violated("an error went to someone else than the sender", o.to);
        }
        if (e->code == p::error_code::banned && e->retry_after == 0) {
          violated("banned without the time left", o.to);
        }
      }
      const bool relayed = std::holds_alternative<p::webrtc_offer>(m) ||
                           std::holds_alternative<p::webrtc_answer>(m) ||
                           std::holds_alternative<p::webrtc_ice_candidate>(m);
      const bool handed = std::holds_alternative<p::webrtc_offer>(m) &&
                          just_matched_responder.count(o.to) != 0 &&
                          offer_sent.count(hub_.pairing_pool().local_stranger(o.to)) != 0;
      if (relayed && !handed && (o.to != relay_to || relay_to == 0)) {
        violated("a relayed message reached someone else than the sender's stranger", o.to);
      }
      const auto* matched = std::get_if<p::matched>(&m);
      if (matched && matched->my_role == p::role::responder) {
        just_matched_responder.insert(o.to);
      } else {
        just_matched_responder.erase(o.to);
      }
      if (matched && matched->offer_sent && matched->my_role != p::role::initiator)
        violated("offer_sent to a responder", o.to);
    }
    // The server closes those sockets; the hub hears of it as a disconnect.
    for (s::client_id id : to_close) {
      for (unsigned slot = 0; slot < slots; ++slot) {
        if (ids_[slot] == id) disconnect(slot);
      }
    }
    // Pairings are symmetric and between connected clients.
    for (s::client_id id : connected_) {
      const s::client_id other = hub_.pairing_pool().local_stranger(id);
      if (other == 0) continue;
      if (other == id) violated("paired with itself", id);
      if (connected_.count(other) == 0) violated("paired with a client that is gone", id);
      if (hub_.pairing_pool().local_stranger(other) != id) violated("one-sided pairing", id);
    }
  }

  std::int64_t unix_base_ = 1'800'000'000;
  std::uint64_t elapsed_ms_ = 0;
  s::hub hub_;
  s::client_id ids_[slots] = {};
  s::client_id next_id_ = 1;
  std::unordered_set<s::client_id> connected_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The server's log costs more than the hub; NOVATALK_FUZZ_LOG=1 shows it (reading a crash).
  static const bool log = std::getenv("NOVATALK_FUZZ_LOG") != nullptr;
  s::set_log_enabled(log);
  std::string_view script(reinterpret_cast<const char*>(data), size);
  harness h;
  while (!script.empty()) {
    std::size_t eol = script.find('\n');
    if (eol == std::string_view::npos) eol = script.size();
    std::string_view line = script.substr(0, eol);
    script.remove_prefix(eol == script.size() ? eol : eol + 1);
    if (line.size() < 2) continue;
    const char op = line[0];
    const unsigned slot = static_cast<unsigned char>(line[1]) % harness::slots;
    switch (op) {
      case 'c':
        h.connect(slot, line.size() > 2 ? static_cast<unsigned char>(line[2]) % 8 : slot);
        break;
      case 'm':
        h.text(slot, line.substr(2));
        break;
      case 'M': {
        // The rest of the input, newlines included (the line's own end is put back).
        const char* begin = line.data() + 2;
        h.text(slot,
               std::string_view(begin, static_cast<std::size_t>(
                                           reinterpret_cast<const char*>(data) + size - begin)));
        script = {};
        break;
      }
      case 'b':
        h.binary(slot);
        break;
      case 'd':
        h.disconnect(slot);
        break;
      case 't': {
        std::uint64_t ms = 0;
        for (char c : line.substr(1, 7)) {
          if (c < '0' || c > '9') break;
          ms = ms * 10 + static_cast<std::uint64_t>(c - '0');
        }
        h.tick(ms);
        break;
      }
      default:
        break;
    }
  }
  h.finish();
  return 0;
}
