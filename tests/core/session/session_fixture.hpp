// Test helpers for core/session/client_session: look into action lists, and a fixture with a
// fixed random source and a hand-driven clock that walks the session to each screen.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/session/client_session.hpp"

namespace novatalk::session::testing_support {

using namespace std::chrono_literals;
namespace p = protocol;

// --- Helpers to look into action lists ---------------------------------------------------------

template <class T>
int count(const actions& a) {
  int n = 0;
  for (const auto& x : a) n += std::holds_alternative<T>(x) ? 1 : 0;
  return n;
}

template <class T>
const T* first(const actions& a) {
  for (const auto& x : a) {
    if (const T* t = std::get_if<T>(&x)) return t;
  }
  return nullptr;
}

// The client messages sent, in order.
inline std::vector<p::client_message> sent(const actions& a) {
  std::vector<p::client_message> v;
  for (const auto& x : a) {
    if (const auto* s = std::get_if<send_message>(&x)) v.push_back(s->message);
  }
  return v;
}

template <class M>
int sent_count(const actions& a) {
  int n = 0;
  for (const auto& m : sent(a)) n += std::holds_alternative<M>(m) ? 1 : 0;
  return n;
}

inline std::vector<std::string> page_events(const actions& a) {
  std::vector<std::string> v;
  for (const auto& x : a) {
    if (const auto* e = std::get_if<emit_page_event>(&x)) v.push_back(e->name);
  }
  return v;
}

inline const emit_page_event* page_event_named(const actions& a, const std::string& name) {
  for (const auto& x : a) {
    if (const auto* e = std::get_if<emit_page_event>(&x); e && e->name == name) return e;
  }
  return nullptr;
}

inline p::ice_candidate candidate(const std::string& text) {
  p::ice_candidate c;
  c.candidate = text;
  c.sdp_mid = "0";
  c.sdp_mline_index = 0;
  return c;
}

// --- Fixture: a session with a fixed random source and a hand-driven clock ----------------------

class session_test : public ::testing::Test {
 protected:
  session_test() : s_(make_config(), [this] { return random_; }) {}

  static session_config make_config() {
    session_config c;
    c.signal_url = "ws://host/ws";
    c.reconnect.initial = 1000ms;
    c.reconnect.max = 8000ms;
    return c;
  }

  actions ev(event e) { return s_.handle(e); }
  actions server(p::server_message m) { return s_.handle(socket_message{std::move(m)}); }
  actions at(time_point t) { return s_.handle(tick{t}); }

  // Landing page with an open socket and a welcome.
  void open() {
    ev(page_loaded{});
    ev(socket_opened{});
    server(p::welcome{42, R"([{"urls":"stun:example"}])"});
  }
  // Searching, joined.
  actions search(std::vector<std::string> interests = {}) {
    open();
    ev(ui_start{std::move(interests), std::nullopt});
    return ev(media_granted{});
  }
  // Matched as `r` (with a resume token when `token` is not empty); returns the new call id.
  std::uint64_t match(p::role r, std::vector<std::string> common = {}, std::string token = "") {
    search();
    auto a = server(p::matched{r, std::move(common), std::move(token)});
    const auto* cp = first<create_peer>(a);
    EXPECT_NE(cp, nullptr);
    return cp ? cp->call_id : 0;
  }
  // A connected call as `r` (resumable when `token` is not empty).
  std::uint64_t call(p::role r, std::string token = "") {
    const auto id = match(r, {}, std::move(token));
    if (r == p::role::initiator) {
      ev(peer_local_description{id, sdp_type::offer, "offer-sdp"});
      server(p::webrtc_answer{"answer-sdp"});
    } else {
      server(p::webrtc_offer{"offer-sdp"});
      ev(peer_local_description{id, sdp_type::answer, "answer-sdp"});
    }
    ev(peer_connection_state{id, peer_state::connecting});
    ev(peer_connection_state{id, peer_state::connected});
    EXPECT_EQ(s_.current_screen(), screen::in_call);
    return id;
  }

  double random_ = 0.0;
  client_session s_;
};

}  // namespace novatalk::session::testing_support
