// The per-connection message limits (--msg-burst, --msg-rate, --next-interval-ms): which frames
// go ahead, which are refused with `rate_limited`, and when a connection that keeps sending while
// limited is closed (1008). Beast-free, clock injected: the hub asks it, tests drive it directly.
#pragma once

#include <chrono>
#include <cstdint>
#include <unordered_map>

#include "core/limits/token_bucket.hpp"
#include "core/pairing/matchmaker.hpp"

namespace novatalk::server {

struct message_limits_config {
  std::uint32_t burst = 40;  // --msg-burst: frames at once (0 = no message limit)
  std::uint32_t rate = 10;   // --msg-rate: frames per second after the burst (0 = no limit)
  std::chrono::milliseconds next_interval{1000};  // --next-interval-ms between skips (0 = none)
};

class message_limits {
 public:
  enum class verdict {
    pass,    // go ahead
    refuse,  // answer `rate_limited`, drop the message
    close,   // answer `rate_limited`, then close the connection with 1008
    closed,  // the connection is being closed: drop silently
  };

  // Off (every frame passes) until configured.
  message_limits() = default;
  explicit message_limits(message_limits_config cfg) : cfg_(cfg) {}

  // Every frame of `id`, text or binary, before anything else is done with it.
  verdict frame(pairing::client_id id, pairing::time_point now);
  // A `next` or `report` that passed frame(): at most one per next_interval.
  verdict skip(pairing::client_id id, pairing::time_point now);
  // `id` disconnected: its state goes (memory follows live connections).
  void forget(pairing::client_id id) { clients_.erase(id); }
  std::size_t size() const { return clients_.size(); }

 private:
  struct client {
    limits::token_bucket messages;
    limits::token_bucket skips;
    // Frames refused since the message bucket was last full; at `burst` of them the client has
    // ignored a whole burst worth of rate_limited answers and is closed.
    std::uint32_t strikes = 0;
    bool closing = false;
  };
  client& of(pairing::client_id id);
  verdict strike(client& c);

  message_limits_config cfg_{0, 0, std::chrono::milliseconds(0)};
  std::unordered_map<pairing::client_id, client> clients_;
};

}  // namespace novatalk::server
