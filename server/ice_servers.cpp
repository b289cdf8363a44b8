// Builds the per-client iceServers array (see ice_servers.hpp).
#include "server/ice_servers.hpp"

#include <nlohmann/json.hpp>

#include <utility>

#include "server/turn_credentials.hpp"

namespace novatalk::server {

ice_server_list::ice_server_list(std::string static_json, turn_config turn,
                                 std::function<std::string()> random_id)
    : static_json_(std::move(static_json)),
      turn_(std::move(turn)),
      random_id_(std::move(random_id)) {}

std::int64_t system_unix_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string ice_server_list::for_client(std::int64_t now_unix) const {
  if (!has_turn()) return static_json_;
  nlohmann::json list = nlohmann::json::parse(static_json_, nullptr, false);
  if (!list.is_array()) list = nlohmann::json::array();  // config.cpp validated it already
  const auto cred = mint_turn_credential(turn_.secret, now_unix, turn_.ttl, random_id_());
  list.push_back(
      {{"urls", turn_.uris}, {"username", cred.username}, {"credential", cred.password}});
  return list.dump();
}

}  // namespace novatalk::server
