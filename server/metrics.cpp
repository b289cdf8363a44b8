// The /metrics text (see metrics.hpp). Partner ids need no escaping in a label: the codec lets
// only [a-z0-9._-] through.
#include "server/metrics.hpp"

namespace novatalk::server {

std::string metrics_text(const metrics& m) {
  std::string out =
      "# HELP novatalk_online Open WebSocket connections.\n"
      "# TYPE novatalk_online gauge\n"
      "novatalk_online " + std::to_string(m.online) + "\n"
      "# HELP novatalk_partner_online Open connections whose last join named this partner.\n"
      "# TYPE novatalk_partner_online gauge\n";
  for (const auto& [id, count] : m.partners)
    out += "novatalk_partner_online{partner=\"" + id + "\"} " + std::to_string(count) + "\n";
  return out;
}

}  // namespace novatalk::server
