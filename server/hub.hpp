// The signaling rules of protocol v1 without sockets: a client's frame in, the frames to send
// out and to whom. shared_state runs one hub under its mutex and delivers what it returns;
// tests drive it directly.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/pairing/matchmaker.hpp"
#include "core/protocol/messages.hpp"
#include "server/report_counts.hpp"

namespace novatalk::server {

using client_id = pairing::client_id;

struct outbound {
  client_id to = 0;
  std::string text;  // an encoded server message
};

class hub {
 public:
  hub(pairing::config pairing, std::string ice_servers_json);

  // A client connected (`online` counts it too): its welcome.
  std::vector<outbound> connect(client_id id, std::uint64_t online);
  // A text frame from a client: decoded by the codec, never parsed here.
  std::vector<outbound> message(client_id id, std::string_view text, pairing::time_point now);
  // A binary frame: the protocol is text only.
  std::vector<outbound> binary_message(client_id id);
  // The socket closed: the stranger, if any, is told `disconnect`.
  std::vector<outbound> disconnect(client_id id, pairing::time_point now);
  // Lets interest waits run out (call every few hundred ms).
  std::vector<outbound> tick(pairing::time_point now);

  // Distinct reporters of a live connection (0 once it disconnected).
  std::uint64_t reports_against(client_id id) const { return reports_.count(id); }

 private:
  void report(client_id id, protocol::report_reason reason, pairing::time_point now,
              std::vector<outbound>& out);
  void apply(const pairing::outcome& o, std::vector<outbound>& out);

  pairing::matchmaker matchmaker_;
  report_counts reports_;
  std::string ice_servers_json_;
};

}  // namespace novatalk::server
