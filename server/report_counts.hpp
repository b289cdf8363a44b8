// Reports kept in memory only: per reported connection, the distinct connections that reported
// it. Nothing is persisted; a connection's count dies with it (docs/server.md, "Reports").
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

#include "core/pairing/matchmaker.hpp"

namespace novatalk::server {

class report_counts {
 public:
  using client_id = pairing::client_id;

  // `by` reported `reported`: the number of distinct reporters of `reported` so far (a second
  // report by the same connection counts once).
  std::uint64_t add(client_id reported, client_id by);
  std::uint64_t count(client_id reported) const;
  // `id` is gone: its count is forgotten. Reports it made stay counted against the others
  // (ids are never reused, so they still count once).
  void forget(client_id id);
  // Connections with a count held in memory.
  std::size_t size() const { return reporters_.size(); }

 private:
  std::unordered_map<client_id, std::unordered_set<client_id>> reporters_;
};

}  // namespace novatalk::server
