// The frames of scenario_frames.hpp. Nothing here is real: addresses are documentation ranges.
#include "tools/loadgen/scenario_frames.hpp"

#include <chrono>
#include <string>

namespace novatalk::loadgen {
namespace {

frame_ptr encoded(const protocol::client_message& m) {
  return std::make_shared<const std::string>(protocol::encode(m));
}

// About 2 KB of SDP in a browser's shape (two m-lines), padded with a= lines to the size.
std::string fake_sdp(const char* kind) {
  std::string sdp =
      "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
      "a=group:BUNDLE 0 1\r\na=extmap-allow-mixed\r\na=msid-semantic: WMS stream\r\n"
      "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126\r\nc=IN IP4 0.0.0.0\r\n"
      "a=rtcp:9 IN IP4 0.0.0.0\r\na=ice-ufrag:AbCd\r\na=ice-pwd:0123456789abcdefghijklmn\r\n"
      "a=ice-options:trickle\r\na=fingerprint:sha-256 "
      "12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:BC:DE:F0:12:34:56:78:9A:"
      "BC:DE:F0\r\na=mid:0\r\na=sendrecv\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\n"
      "a=fmtp:111 minptime=10;useinbandfec=1\r\n"
      "m=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 104 105 106 107\r\nc=IN IP4 0.0.0.0\r\n"
      "a=mid:1\r\na=sendrecv\r\na=rtcp-mux\r\na=rtcp-rsize\r\na=rtpmap:96 VP8/90000\r\n";
  sdp += "a=setup:";
  sdp += kind;
  sdp += "\r\n";
  for (int i = 0; sdp.size() < 2048 - 40; ++i) {
    sdp += "a=rtcp-fb:" + std::to_string(96 + i % 12) + " goog-remb transport-cc\r\n";
  }
  sdp.resize(2048 - 2, 'x');
  sdp += "\r\n";
  return sdp;
}

protocol::webrtc_ice_candidate candidate(const std::string& line, std::string ufrag) {
  protocol::ice_candidate c;
  c.candidate = line;
  c.sdp_mid = "0";
  c.sdp_mline_index = 0;
  c.username_fragment = std::move(ufrag);
  return protocol::webrtc_ice_candidate{c};
}

scenario_frames make() {
  scenario_frames f;
  f.join = encoded(protocol::join{});
  f.next = encoded(protocol::next{});
  f.offer = encoded(protocol::webrtc_offer{fake_sdp("actpass")});
  f.answer = encoded(protocol::webrtc_answer{fake_sdp("active")});
  const char* lines[4] = {
      "candidate:1 1 udp 2122260223 192.0.2.10 54321 typ host generation 0",
      "candidate:2 1 udp 1686052607 198.51.100.7 61000 typ srflx raddr 192.0.2.10 rport 54321",
      "candidate:3 1 udp 41885439 203.0.113.5 50000 typ relay raddr 198.51.100.7 rport 61000",
      "candidate:4 1 tcp 1518280447 192.0.2.10 9 typ host tcptype active generation 0",
  };
  for (int i = 0; i < 4; ++i) f.candidates[i] = encoded(candidate(lines[i], "AbCd"));
  return f;
}

}  // namespace

const scenario_frames& frames() {
  static const scenario_frames f = make();
  return f;
}

frame_ptr stamped_candidate(std::uint64_t intended_ns) {
  return encoded(candidate("candidate:1 1 udp 2122260223 192.0.2.10 54321 typ host",
                           "t" + std::to_string(intended_ns)));
}

std::optional<std::uint64_t> stamp_of(const protocol::webrtc_ice_candidate& m) {
  if (!m.candidate || !m.candidate->username_fragment) return std::nullopt;
  const std::string& u = *m.candidate->username_fragment;
  if (u.size() < 2 || u[0] != 't') return std::nullopt;
  std::uint64_t v = 0;
  for (std::size_t i = 1; i < u.size(); ++i) {
    if (u[i] < '0' || u[i] > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(u[i] - '0');
  }
  return v;
}

std::uint64_t now_ns() {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                        std::chrono::steady_clock::now().time_since_epoch())
                                        .count());
}

}  // namespace novatalk::loadgen
