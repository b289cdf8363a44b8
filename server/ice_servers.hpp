// The RTCIceServer list each client gets: the static entries of --ice-servers, plus, when TURN is
// configured, one TURN entry with credentials minted for that client (turn_credentials.hpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace novatalk::server {

struct turn_config {
  std::string secret;             // empty: no TURN
  std::vector<std::string> uris;  // turn: / turns: URIs for the one TURN entry
  std::chrono::seconds ttl{600};
};

// The system's wall clock in unix seconds (credential expiry is wall-clock time for coturn).
std::int64_t system_unix_seconds();

class ice_server_list {
 public:
  // `random_id` draws the id part of each TURN username (random_turn_id in production).
  ice_server_list(std::string static_json, turn_config turn,
                  std::function<std::string()> random_id);

  bool has_turn() const { return !turn_.secret.empty() && !turn_.uris.empty(); }
  std::chrono::seconds ttl() const { return turn_.ttl; }
  // When a client should get fresh credentials: two thirds into their life, so a browser that
  // gathers candidates then still has a third of it.
  std::chrono::seconds refresh_after() const { return turn_.ttl * 2 / 3; }

  // A JSON array of RTCIceServer; a new TURN credential on every call.
  std::string for_client(std::int64_t now_unix) const;

 private:
  std::string static_json_;
  turn_config turn_;
  std::function<std::string()> random_id_;
};

}  // namespace novatalk::server
