// The protocol v1 frames the scenarios send, encoded once by the core codec (the load
// generator speaks the protocol exactly as the client does), and the decoding of what arrives.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/protocol/codec.hpp"
#include "tools/loadgen/connection.hpp"

namespace novatalk::loadgen {

struct scenario_frames {
  frame_ptr join;
  frame_ptr next;
  frame_ptr offer;          // a 2 KB SDP, shaped like a browser's audio+video offer
  frame_ptr answer;         // the same size
  frame_ptr candidates[4];  // host, srflx, relay, tcp host: full RTCIceCandidateInits
};
const scenario_frames& frames();

// Relay mode: a candidate that carries its intended send time (steady clock, ns) in its
// usernameFragment, relayed unchanged by the server.
frame_ptr stamped_candidate(std::uint64_t intended_ns);
// The stamp of a relayed candidate; nullopt when the message carries none.
std::optional<std::uint64_t> stamp_of(const protocol::webrtc_ice_candidate& m);

// Now on the steady clock, in ns (the stamps' clock: sender and receiver are one process).
std::uint64_t now_ns();

}  // namespace novatalk::loadgen
