// Tests core/protocol/codec: every message both ways, and every malformed input the server
// must answer with bad_message / too_large instead of crashing or relaying.
#include "core/protocol/codec.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace p = novatalk::protocol;

namespace {

p::client_message client_ok(const std::string& text) {
  auto r = p::decode_client(text);
  EXPECT_TRUE(r.ok()) << text << " -> " << (r.ok() ? "" : r.error().message);
  return r.ok() ? r.value() : p::client_message{p::leave{}};
}

p::decode_error client_err(const std::string& text) {
  auto r = p::decode_client(text);
  EXPECT_FALSE(r.ok()) << text;
  return r.ok() ? p::decode_error{} : r.error();
}

p::server_message server_ok(const std::string& text) {
  auto r = p::decode_server(text);
  EXPECT_TRUE(r.ok()) << text << " -> " << (r.ok() ? "" : r.error().message);
  return r.ok() ? r.value() : p::server_message{p::online{}};
}

}  // namespace

TEST(CodecJoin, DefaultsToVideoWithoutInterests) {
  auto m = std::get<p::join>(client_ok(R"({"type":"join"})"));
  EXPECT_EQ(m.mode, p::chat_mode::video);
  EXPECT_TRUE(m.interests.empty());
}

TEST(CodecJoin, NormalisesInterests) {
  auto m = std::get<p::join>(
      client_ok(R"({"type":"join","interests":["  Music ","music","CHESS","Кино"],"mode":"text"})"));
  EXPECT_EQ(m.mode, p::chat_mode::text);
  ASSERT_EQ(m.interests.size(), 3u);
  EXPECT_EQ(m.interests[0], "music");
  EXPECT_EQ(m.interests[1], "chess");
  EXPECT_EQ(m.interests[2], "Кино");  // non-ASCII kept as typed
}

TEST(CodecJoin, NullFieldsMeanAbsent) {
  auto m = std::get<p::join>(client_ok(R"({"type":"join","interests":null,"mode":null})"));
  EXPECT_EQ(m.mode, p::chat_mode::video);
}

TEST(CodecJoin, InterestLimitsAreCharactersNotBytes) {
  std::string cyrillic32;
  for (int i = 0; i < 32; ++i) cyrillic32 += "ж";  // 64 bytes, 32 characters
  client_ok(R"({"type":"join","interests":[")" + cyrillic32 + R"("]})");
  EXPECT_EQ(client_err(R"({"type":"join","interests":[")" + cyrillic32 + R"(ж"]})").code,
            p::error_code::bad_message);
  client_ok(R"({"type":"join","interests":[")" + std::string(32, 'a') + R"("]})");
  client_err(R"({"type":"join","interests":[")" + std::string(33, 'a') + R"("]})");
}

TEST(CodecJoin, Partner) {
  EXPECT_EQ(std::get<p::join>(client_ok(R"({"type":"join"})")).partner, "");
  EXPECT_EQ(std::get<p::join>(client_ok(R"({"type":"join","partner":null})")).partner, "");
  EXPECT_EQ(std::get<p::join>(client_ok(R"({"type":"join","partner":"shop.example_2-a"})")).partner,
            "shop.example_2-a");
  const std::string longest(64, 'a');
  EXPECT_EQ(std::get<p::join>(client_ok(R"({"type":"join","partner":")" + longest + R"("})")).partner,
            longest);
  for (const std::string& bad : std::vector<std::string>{R"("")", R"(")" + std::string(65, 'a') + R"(")", R"("Shop")",
                                R"("shop example")", R"("shop/1")", R"("шоп")", R"("a\u0000")",
                                R"(7)", R"(["shop"])"}) {
    const auto e = client_err(R"({"type":"join","partner":)" + bad + "}");
    EXPECT_EQ(e.code, p::error_code::bad_message) << bad;
    EXPECT_NE(e.message.find("partner"), std::string::npos) << e.message;
  }
  EXPECT_TRUE(p::valid_partner("a"));
  EXPECT_FALSE(p::valid_partner(""));
  EXPECT_FALSE(p::valid_partner("A"));
}

TEST(CodecJoin, RejectsBadInterestsAndModes) {
  const char* cases[] = {
      R"({"type":"join","interests":"music"})",
      R"({"type":"join","interests":[1]})",
      R"({"type":"join","interests":[""]})",
      R"({"type":"join","interests":["   "]})",
      R"({"type":"join","interests":["a\u0001b"]})",
      R"({"type":"join","interests":["a","b","c","d","e","f","g","h","i","j","k"]})",
      R"({"type":"join","interests":[["nested"]]})",
      R"({"type":"join","mode":"audio"})",
      R"({"type":"join","mode":1})",
  };
  for (const char* c : cases) {
    EXPECT_EQ(client_err(c).code, p::error_code::bad_message) << c;
  }
}

TEST(CodecClient, SimpleMessages) {
  EXPECT_TRUE(std::holds_alternative<p::next>(client_ok(R"({"type":"next"})")));
  EXPECT_TRUE(std::holds_alternative<p::leave>(client_ok(R"({"type":"leave","extra":1})")));
}

TEST(CodecClient, MalformedInputIsBadMessage) {
  const std::string cases[] = {
      "",
      "not json",
      "{",
      R"({"type":"join")",
      "[]",
      "42",
      "null",
      R"("join")",
      R"({})",
      R"({"type":7})",
      R"({"type":null})",
      R"({"type":"nope"})",
      R"({"type":"JOIN"})",
      R"({"type":"welcome","online":1,"iceServers":[]})",  // a server message from a client
      "{\"type\":\"join\",\"interests\":[\"\xff\xfe\"]}",     // invalid UTF-8
      std::string(R"({"type":"next"})") + "garbage",
      std::string(10000, '[') + std::string(10000, ']'),  // deep nesting, not an object
  };
  for (const auto& c : cases) {
    EXPECT_EQ(client_err(c).code, p::error_code::bad_message) << c.substr(0, 60);
  }
}

TEST(CodecClient, DeeplyNestedFieldDoesNotCrash) {
  std::string deep = R"({"type":"leave","x":)" + std::string(20000, '[') + std::string(20000, ']') + "}";
  EXPECT_TRUE(std::holds_alternative<p::leave>(client_ok(deep)));
}

TEST(CodecReport, EveryReasonRoundTrips) {
  for (auto reason :
       {p::report_reason::nudity, p::report_reason::harassment, p::report_reason::spam,
        p::report_reason::underage, p::report_reason::other}) {
    const std::string wire = p::encode(p::client_message{p::report{reason}});
    EXPECT_EQ(wire, std::string(R"({"reason":")") + p::to_string(reason) + R"(","type":"report"})");
    EXPECT_EQ(std::get<p::report>(client_ok(wire)).reason, reason);
  }
  auto m = std::get<p::report>(client_ok(R"({"type":"report","reason":"underage","note":"x"})"));
  EXPECT_EQ(m.reason, p::report_reason::underage);  // unknown fields are ignored, as elsewhere
}

TEST(CodecReport, MissingOrUnknownReasonIsBadMessage) {
  const char* cases[] = {
      R"({"type":"report"})",
      R"({"type":"report","reason":null})",
      R"({"type":"report","reason":""})",
      R"({"type":"report","reason":"rude"})",
      R"({"type":"report","reason":"Nudity"})",
      R"({"type":"report","reason":" spam"})",
      R"({"type":"report","reason":1})",
      R"({"type":"report","reason":true})",
      R"({"type":"report","reason":["spam"]})",
      R"({"type":"report","reason":{"spam":1}})",
      R"({"type":"report","reasons":"spam"})",
      R"({"type":"Report","reason":"spam"})",
  };
  for (const char* c : cases) {
    const auto e = client_err(c);
    EXPECT_EQ(e.code, p::error_code::bad_message) << c;
    EXPECT_EQ(e.message.find("rude"), std::string::npos);  // never echoes the input
  }
  // A report is a client message only: the client's decoder of server messages refuses it.
  EXPECT_FALSE(p::decode_server(R"({"type":"report","reason":"spam"})").ok());
}

TEST(CodecRelay, OfferAndAnswerRoundTrip) {
  auto offer = std::get<p::webrtc_offer>(client_ok(R"({"type":"webrtc_offer","sdp":"v=0\r\no=- 1"})"));
  EXPECT_EQ(offer.sdp, "v=0\r\no=- 1");
  auto again = std::get<p::webrtc_offer>(server_ok(p::encode(p::server_message{offer})));
  EXPECT_EQ(again.sdp, offer.sdp);
  auto answer = std::get<p::webrtc_answer>(client_ok(R"({"type":"webrtc_answer","sdp":"v=0"})"));
  EXPECT_EQ(std::get<p::webrtc_answer>(server_ok(p::encode(p::server_message{answer}))).sdp, "v=0");
}

TEST(CodecRelay, SdpErrors) {
  EXPECT_EQ(client_err(R"({"type":"webrtc_offer"})").code, p::error_code::bad_message);
  EXPECT_EQ(client_err(R"({"type":"webrtc_offer","sdp":5})").code, p::error_code::bad_message);
  EXPECT_EQ(client_err(R"({"type":"webrtc_answer","sdp":""})").code, p::error_code::bad_message);
  std::string big = R"({"type":"webrtc_offer","sdp":")" + std::string(p::max_sdp_bytes + 1, 'a') + "\"}";
  EXPECT_EQ(client_err(big).code, p::error_code::too_large);
  std::string frame = R"({"type":"next","pad":")" + std::string(p::max_frame_bytes, 'a') + "\"}";
  EXPECT_EQ(client_err(frame).code, p::error_code::too_large);
}

// The server reads offers and answers on a fast path (core/protocol/json_text) and the browser
// client's decoder of server messages on the full one: the same text gives the same message or
// the same error.
TEST(CodecRelay, FastDecodeAgreesWithTheFullDecoder) {
  const std::vector<std::string> inputs = {
      std::string(R"({"type":"webrtc_offer","sdp":"v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\n"})"),
      std::string(" { \"sdp\" : \"a\\u00e9\\uD83D\\uDE00\\\"\" ,\n\"type\":\"webrtc_answer\" } "),
      std::string(R"({"type":"webrtc_offer","sdp":"v=0","evil":"dropped"})"),
      std::string("{\"type\":\"webrtc_answer\",\"sdp\":\"\xC3\xA9\x7F\"}"),
      std::string(R"({"type":"webrtc_offer","sdp":""})"),
      std::string(R"({"type":"webrtc_offer","sdp":"a","sdp":"b"})"),
      std::string(R"({"type":"webrtc_ice_candidate","candidate":null})"),
      std::string(R"({"type":"webrtc_ice_candidate"})"),
      std::string(R"({"type":"webrtc_ice_candidate","candidate":"c"})"),
      std::string(
          R"({"type":"webrtc_ice_candidate","candidate":{"candidate":"c","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"u","evil":"x"}})"),
      std::string(
          R"({"candidate":{"sdpMLineIndex":null,"candidate":"c\u00e9","sdpMid":null},"type":"webrtc_ice_candidate"})"),
      std::string(
          R"({"type":"webrtc_ice_candidate","candidate":{"candidate":"c","sdpMLineIndex":65536}})"),
      std::string(
          R"({"type":"webrtc_ice_candidate","candidate":{"candidate":"c","sdpMLineIndex":65535}})"),
      std::string(R"({"type":"webrtc_ice_candidate","candidate":{"candidate":"c","sdpMid":3}})"),
      std::string(R"({"type":"webrtc_ice_candidate","candidate":{"candidate":5}})"),
      std::string(R"({"type":"webrtc_ice_candidate","candidate":{"sdpMid":"0"}})"),
      std::string(R"({"type":"webrtc_ice_candidate","candidate":{"candidate":")") +
          std::string(p::max_candidate_bytes + 1, 'a') + "\"}}",
      std::string(R"({"type":"webrtc_offer","sdp":"a\uD800"})"),
      std::string("{\"type\":\"webrtc_offer\",\"sdp\":\"\xC0\xAF\"}"),
      std::string(R"({"type":"webrtc_offer","sdp":")") + std::string(p::max_sdp_bytes, 'a') + "\"}",
      std::string(R"({"type":"webrtc_offer","sdp":")") + std::string(p::max_sdp_bytes + 1, 'a') +
          "\"}",
  };
  for (const std::string& text : inputs) {
    auto fast = p::decode_client(text);
    auto full = p::decode_server(text);
    ASSERT_EQ(fast.ok(), full.ok()) << text;
    if (!fast.ok()) {
      EXPECT_EQ(fast.error().code, full.error().code) << text;
      EXPECT_EQ(fast.error().message, full.error().message) << text;
      continue;
    }
    // Relayed as the server writes it, and as the full encoder writes the client's copy.
    const std::string server_wire = p::encode(full.value());
    EXPECT_EQ(p::encode(fast.value()), server_wire) << text;
    EXPECT_EQ(server_wire.find("evil"), std::string::npos);
  }
}

// encode(server_message) writes the relayed three with the escaper, encode(client_message)
// with nlohmann: byte for byte the same, invalid UTF-8 (replaced) included.
TEST(CodecRelay, FastEncodeAgreesWithTheFullEncoder) {
  std::string controls;
  for (int c = 1; c < 0x20; ++c) controls += static_cast<char>(c);
  for (const std::string& sdp :
       {std::string("v=0\r\n"), controls + "\"\\/\x7F", std::string("\xC3\xA9\xF0\x9F\x98\x80"),
        std::string("a\0b", 3), std::string("bad \xC0\xAF utf-8"), std::string("\xFF")}) {
    EXPECT_EQ(p::encode(p::server_message{p::webrtc_offer{sdp}}),
              p::encode(p::client_message{p::webrtc_offer{sdp}}));
    EXPECT_EQ(p::encode(p::server_message{p::webrtc_answer{sdp}}),
              p::encode(p::client_message{p::webrtc_answer{sdp}}));
    p::ice_candidate c{sdp, std::nullopt, std::nullopt, std::nullopt};
    for (int variant = 0; variant < 8; ++variant) {
      c.sdp_mid = variant & 1 ? std::optional<std::string>(sdp) : std::nullopt;
      c.sdp_mline_index = variant & 2 ? std::optional<std::uint32_t>(65535) : std::nullopt;
      c.username_fragment = variant & 4 ? std::optional<std::string>("u\n") : std::nullopt;
      const p::webrtc_ice_candidate m{c};
      EXPECT_EQ(p::encode(p::server_message{m}), p::encode(p::client_message{m}));
    }
  }
  EXPECT_EQ(p::encode(p::server_message{p::webrtc_offer{"v=0\r\n"}}),
            R"({"sdp":"v=0\r\n","type":"webrtc_offer"})");
  EXPECT_EQ(p::encode(p::server_message{p::webrtc_ice_candidate{}}),
            p::encode(p::client_message{p::webrtc_ice_candidate{}}));
}

TEST(CodecRelay, CandidateKeepsItsFieldsAndDropsUnknownOnes) {
  auto m = std::get<p::webrtc_ice_candidate>(client_ok(
      R"({"type":"webrtc_ice_candidate","candidate":{"candidate":"candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host","sdpMid":"0","sdpMLineIndex":0,"usernameFragment":"abcd","evil":{"x":1}}})"));
  ASSERT_TRUE(m.candidate);
  EXPECT_EQ(m.candidate->sdp_mid, "0");
  EXPECT_EQ(m.candidate->sdp_mline_index, 0u);
  EXPECT_EQ(m.candidate->username_fragment, "abcd");
  std::string wire = p::encode(p::server_message{m});
  EXPECT_EQ(wire.find("evil"), std::string::npos);
  auto back = std::get<p::webrtc_ice_candidate>(server_ok(wire));
  ASSERT_TRUE(back.candidate);
  EXPECT_EQ(back.candidate->candidate, m.candidate->candidate);
  EXPECT_EQ(back.candidate->sdp_mline_index, 0u);
}

TEST(CodecRelay, EndOfCandidatesIsNull) {
  auto m = std::get<p::webrtc_ice_candidate>(client_ok(R"({"type":"webrtc_ice_candidate","candidate":null})"));
  EXPECT_FALSE(m.candidate);
  EXPECT_EQ(p::encode(p::server_message{m}), R"({"candidate":null,"type":"webrtc_ice_candidate"})");
}

TEST(CodecRelay, CandidateErrors) {
  const char* bad[] = {
      R"({"type":"webrtc_ice_candidate"})",
      R"({"type":"webrtc_ice_candidate","candidate":"candidate:1"})",
      R"({"type":"webrtc_ice_candidate","candidate":{}})",
      R"({"type":"webrtc_ice_candidate","candidate":{"candidate":1}})",
      R"({"type":"webrtc_ice_candidate","candidate":{"candidate":"c","sdpMid":3}})",
      R"({"type":"webrtc_ice_candidate","candidate":{"candidate":"c","sdpMLineIndex":-1}})",
      R"({"type":"webrtc_ice_candidate","candidate":{"candidate":"c","sdpMLineIndex":"0"}})",
      R"({"type":"webrtc_ice_candidate","candidate":{"candidate":"c","sdpMLineIndex":1.5}})",
  };
  for (const char* c : bad) EXPECT_EQ(client_err(c).code, p::error_code::bad_message) << c;
  std::string longer = R"({"type":"webrtc_ice_candidate","candidate":{"candidate":")" +
                       std::string(p::max_candidate_bytes + 1, 'c') + "\"}}";
  EXPECT_EQ(client_err(longer).code, p::error_code::too_large);
}

TEST(CodecServer, EveryServerMessageRoundTrips) {
  auto w = std::get<p::welcome>(server_ok(p::encode(
      p::server_message{p::welcome{3, R"([{"urls":"stun:stun.example.org:3478"}])"}})));
  EXPECT_EQ(w.online, 3u);
  EXPECT_EQ(w.ice_servers_json, R"([{"urls":"stun:stun.example.org:3478"}])");

  auto m = std::get<p::matched>(
      server_ok(p::encode(p::server_message{p::matched{p::role::responder, {"music"}}})));
  EXPECT_EQ(m.my_role, p::role::responder);
  EXPECT_EQ(m.common, std::vector<std::string>{"music"});

  for (auto reason : {p::leave_reason::next, p::leave_reason::leave, p::leave_reason::disconnect}) {
    auto l = std::get<p::partner_left>(server_ok(p::encode(p::server_message{p::partner_left{reason}})));
    EXPECT_EQ(l.reason, reason);
  }
  EXPECT_EQ(std::get<p::online>(server_ok(p::encode(p::server_message{p::online{42}}))).count, 42u);
  auto fresh = std::get<p::ice_servers>(server_ok(p::encode(p::server_message{p::ice_servers{
      R"([{"credential":"c","urls":["turn:t:3478"],"username":"1:x"}])"}})));
  EXPECT_EQ(fresh.ice_servers_json, R"([{"credential":"c","urls":["turn:t:3478"],"username":"1:x"}])");
  for (auto code : {p::error_code::bad_message, p::error_code::not_matched, p::error_code::too_large,
                    p::error_code::rate_limited, p::error_code::unavailable}) {
    auto e = std::get<p::error>(server_ok(p::encode(p::server_message{p::error{code, "why"}})));
    EXPECT_EQ(e.code, code);
    EXPECT_EQ(e.message, "why");
  }
}

TEST(CodecServer, ExactWireShapes) {
  EXPECT_EQ(p::encode(p::server_message{p::matched{p::role::initiator, {"music"}}}),
            R"({"common":["music"],"role":"initiator","type":"matched"})");
  EXPECT_EQ(p::encode(p::server_message{p::partner_left{p::leave_reason::next}}),
            R"({"reason":"next","type":"partner_left"})");
  EXPECT_EQ(p::encode(p::server_message{p::error{p::error_code::not_matched, "no stranger"}}),
            R"({"code":"not_matched","message":"no stranger","type":"error"})");
  EXPECT_EQ(p::encode(p::client_message{p::join{{"music"}, p::chat_mode::text}}),
            R"({"interests":["music"],"mode":"text","type":"join"})");
  EXPECT_EQ(p::encode(p::client_message{p::join{{}, p::chat_mode::video, "shop.example"}}),
            R"({"interests":[],"mode":"video","partner":"shop.example","type":"join"})");
}

TEST(CodecServer, BannedCarriesTheSecondsLeft) {
  p::error e{p::error_code::banned, "reported too often", 3599};
  EXPECT_EQ(p::encode(p::server_message{e}),
            R"({"code":"banned","message":"reported too often","retry_after":3599,"type":"error"})");
  auto back = std::get<p::error>(server_ok(p::encode(p::server_message{e})));
  EXPECT_EQ(back.code, p::error_code::banned);
  EXPECT_EQ(back.retry_after, 3599u);
  // Never "0 seconds left": a ban that is sent is at least 1 second long.
  e.retry_after = 0;
  EXPECT_EQ(std::get<p::error>(server_ok(p::encode(p::server_message{e}))).retry_after, 1u);
  // Other codes carry no retry_after.
  EXPECT_EQ(p::encode(p::server_message{p::error{p::error_code::unavailable, "x", 5}}),
            R"({"code":"unavailable","message":"x","type":"error"})");
  // A banned without a usable retry_after is malformed.
  for (const char* bad : {R"({"type":"error","code":"banned","message":"m"})",
                          R"({"type":"error","code":"banned","message":"m","retry_after":0})",
                          R"({"type":"error","code":"banned","message":"m","retry_after":-5})",
                          R"({"type":"error","code":"banned","message":"m","retry_after":"60"})",
                          R"({"type":"error","code":"banned","message":"m","retry_after":1.5})"})
    EXPECT_FALSE(p::decode_server(bad).ok()) << bad;
}

TEST(CodecServer, InvalidUtf8InOutputIsReplacedNotThrown) {
  std::string wire = p::encode(p::server_message{p::error{p::error_code::bad_message, "\xff"}});
  EXPECT_TRUE(p::decode_server(wire).ok());
}

TEST(CodecServer, RejectsMalformedServerMessages) {
  const char* bad[] = {
      R"({"type":"welcome"})",
      R"({"type":"welcome","online":-1,"iceServers":[]})",
      R"({"type":"welcome","online":1,"iceServers":{}})",
      R"({"type":"ice_servers"})",
      R"({"type":"ice_servers","iceServers":"turn:x"})",
      R"({"type":"matched","role":"boss"})",
      R"({"type":"matched","role":"initiator","common":[1]})",
      R"({"type":"online","count":"3"})",
      R"({"type":"join"})",
  };
  for (const char* c : bad) EXPECT_FALSE(p::decode_server(c).ok()) << c;
}

TEST(CodecResume, EveryResumeMessageRoundTrips) {
  auto r = std::get<p::resume>(client_ok(p::encode(p::client_message{p::resume{"v1.abc-_=.sig"}})));
  EXPECT_EQ(r.token, "v1.abc-_=.sig");
  EXPECT_EQ(p::encode(p::client_message{p::resume{"t0k"}}), R"({"token":"t0k","type":"resume"})");

  auto m = std::get<p::matched>(
      server_ok(p::encode(p::server_message{p::matched{p::role::initiator, {}, "tok1"}})));
  EXPECT_EQ(m.resume_token, "tok1");
  EXPECT_EQ(p::encode(p::server_message{p::matched{p::role::initiator, {}, "tok1"}}),
            R"({"common":[],"resume":"tok1","role":"initiator","type":"matched"})");
  // Without a token (a server that offers no resume) the field is absent, and reads as "".
  EXPECT_EQ(std::get<p::matched>(server_ok(R"({"type":"matched","role":"initiator"})")).resume_token, "");
  EXPECT_EQ(std::get<p::matched>(server_ok(R"({"type":"matched","role":"initiator","resume":null})"))
                .resume_token,
            "");

  EXPECT_TRUE(std::holds_alternative<p::resumed>(server_ok(R"({"type":"resumed"})")));
  EXPECT_EQ(p::encode(p::server_message{p::resumed{}}), R"({"type":"resumed"})");
  auto t = std::get<p::resume_token>(server_ok(p::encode(p::server_message{p::resume_token{"tok2"}})));
  EXPECT_EQ(t.token, "tok2");
  auto e = std::get<p::error>(server_ok(R"({"type":"error","code":"resume_failed","message":"x"})"));
  EXPECT_EQ(e.code, p::error_code::resume_failed);
  EXPECT_STREQ(p::to_string(p::error_code::resume_failed), "resume_failed");
}

TEST(CodecResume, BadTokensAreRefused) {
  const std::string too_long(p::max_resume_token_bytes + 1, 'a');
  // protocol.md: a malformed token is resume_failed, like any token the server cannot use.
  for (const std::string& c : {std::string(R"({"type":"resume"})"),
                               std::string(R"({"type":"resume","token":""})"),
                               std::string(R"({"type":"resume","token":5})"),
                               std::string(R"({"type":"resume","token":"a b"})"),
                               std::string(R"({"type":"resume","token":"a\u0000b"})"),
                               std::string(R"({"type":"resume","token":"\u00e9"})"),
                               R"({"type":"resume","token":")" + too_long + R"("})"}) {
    EXPECT_EQ(client_err(c).code, p::error_code::resume_failed) << c;
  }
  client_ok(R"({"type":"resume","token":")" + std::string(p::max_resume_token_bytes, 'a') + R"("})");
  for (const std::string& c : {std::string(R"({"type":"resume_token"})"),
                               std::string(R"({"type":"resume_token","token":[]})"),
                               R"({"type":"resume_token","token":")" + too_long + R"("})"}) {
    EXPECT_FALSE(p::decode_server(c).ok()) << c;
  }
  // An unusable token in `matched` costs the resume, not the match.
  for (const std::string& c : {std::string(R"({"type":"matched","role":"initiator","resume":7})"),
                               std::string(R"({"type":"matched","role":"initiator","resume":""})"),
                               R"({"type":"matched","role":"initiator","resume":")" + too_long +
                                   R"("})"}) {
    EXPECT_EQ(std::get<p::matched>(server_ok(c)).resume_token, "") << c;
  }
}

TEST(CodecInterest, Normalize) {
  EXPECT_EQ(p::normalize_interest(" MuSiC "), "music");
  EXPECT_EQ(p::normalize_interest(""), "");
  EXPECT_EQ(p::normalize_interest("tab\there"), "");  // inner control character
  EXPECT_EQ(p::normalize_interest("new\nline"), "");
  EXPECT_EQ(p::normalize_interest("del\x7f"), "");
}

// A join's tags go through the one sanitiser of stranger text (chat::sanitize_interest_tag),
// the same the page's chips use: what reorders or hides text is dropped, spaces made one.
TEST(CodecInterest, HostileTagsAreCleanedByTheSharedSanitiser) {
  EXPECT_EQ(p::normalize_interest("ev\xE2\x80\xAEil"), "evil");           // U+202E override
  EXPECT_EQ(p::normalize_interest("\xE2\x81\xA6x\xE2\x81\xA9"), "x");      // U+2066..U+2069 isolate
  EXPECT_EQ(p::normalize_interest("zero\xE2\x80\x8Bwidth"), "zerowidth");   // U+200B
  EXPECT_EQ(p::normalize_interest("c1\xC2\x85"), "c1");                    // C1 control
  EXPECT_EQ(p::normalize_interest("Rock   ROLL"), "rock roll");
  EXPECT_EQ(p::normalize_interest("line\xE2\x80\xA8sep"), "line sep");     // U+2028
  EXPECT_EQ(p::normalize_interest("%s%n%x"), "%s%n%x");                     // only text
  EXPECT_EQ(p::normalize_interest("\xE3\x85\xA4\xE2\xA0\x80"), "");        // blank fillers
  EXPECT_EQ(p::normalize_interest("\xE2\x80\xAE\xE2\x80\xAE"), "");        // nothing visible
  // The byte cap holds before any work: a megabyte tag is refused at once.
  EXPECT_EQ(p::normalize_interest(std::string(1024 * 1024, 'a')), "");
  EXPECT_EQ(p::normalize_interest(std::string(128, '%')), "");  // within the bytes, not the chars
  // 32 visible characters behind invisible ones fit (128-byte cap, 32 characters after cleaning).
  EXPECT_EQ(p::normalize_interest(std::string(32, 'a') + "\xE2\x80\x8B"), std::string(32, 'a'));

  auto m = std::get<p::join>(client_ok(
      R"({"type":"join","interests":["\u202egnp.exe","GNP.EXE","\u200b%n\u200b"]})"));
  EXPECT_EQ(m.interests, (std::vector<std::string>{"gnp.exe", "%n"}));
  EXPECT_EQ(client_err(R"({"type":"join","interests":["\u202e\u2066"]})").code,
            p::error_code::bad_message);
}

// The stranger's tags in `matched` are cleaned on arrival too: the page trusts no server.
TEST(CodecInterest, MatchedCommonIsCleanedOnArrival) {
  auto m = std::get<p::matched>(server_ok(
      R"({"type":"matched","role":"initiator","common":["\u202eMusic","art"]})"));
  EXPECT_EQ(m.common, (std::vector<std::string>{"music", "art"}));
  const std::string head = R"({"type":"matched","role":"initiator","common":)";
  for (const char* common : {R"(["\u0001x"])", R"(["\u200b"])",
                             R"(["a","b","c","d","e","f","g","h","i","j","k"])"}) {
    EXPECT_FALSE(p::decode_server(head + common + "}").ok()) << common;
  }
}

// The queued offer (protocol.md, "Queued offer"): a client message, a welcome feature and a flag
// of `matched`, each ignored by whoever does not know it.
TEST(CodecQueuedOffer, ClientMessageHasTheLimitsOfAnOffer) {
  auto q = std::get<p::queued_offer>(client_ok(R"({"type":"queued_offer","sdp":"v=0"})"));
  EXPECT_EQ(q.sdp, "v=0");
  EXPECT_EQ(p::encode(p::client_message{p::queued_offer{"v=0"}}),
            R"({"sdp":"v=0","type":"queued_offer"})");
  EXPECT_FALSE(p::is_relay(p::client_message{q}));
  EXPECT_EQ(client_err(R"({"type":"queued_offer"})").code, p::error_code::bad_message);
  EXPECT_EQ(client_err(R"({"type":"queued_offer","sdp":""})").code, p::error_code::bad_message);
  EXPECT_EQ(client_err(R"({"type":"queued_offer","sdp":7})").code, p::error_code::bad_message);
  const std::string big(p::max_sdp_bytes + 1, 'a');
  EXPECT_EQ(client_err(R"({"type":"queued_offer","sdp":")" + big + "\"}").code,
            p::error_code::too_large);
  // Only the sdp is kept: nothing else a client adds travels with it.
  EXPECT_EQ(p::encode(client_ok(R"({"type":"queued_offer","sdp":"x","to":"someone"})")),
            R"({"sdp":"x","type":"queued_offer"})");
  // It is not something a server sends.
  EXPECT_FALSE(p::decode_server(R"({"type":"queued_offer","sdp":"x"})").ok());
}

TEST(CodecQueuedOffer, WelcomeFeatures) {
  p::welcome w{1, "[]"};
  EXPECT_EQ(p::encode(p::server_message{w}), R"({"iceServers":[],"online":1,"type":"welcome"})");
  w.queued_offer = true;
  const auto wire = p::encode(p::server_message{w});
  EXPECT_EQ(wire, R"({"features":["queued_offer"],"iceServers":[],"online":1,"type":"welcome"})");
  EXPECT_TRUE(std::get<p::welcome>(server_ok(wire)).queued_offer);
  // Unknown features are a newer server's: ignored. A list that is not one is no list.
  EXPECT_TRUE(
      std::get<p::welcome>(
          server_ok(
              R"({"type":"welcome","online":1,"iceServers":[],"features":["x",3,"queued_offer"]})"))
          .queued_offer);
  for (const char* c :
       {R"({"type":"welcome","online":1,"iceServers":[]})",
        R"({"type":"welcome","online":1,"iceServers":[],"features":["x"]})",
        R"({"type":"welcome","online":1,"iceServers":[],"features":"queued_offer"})",
        R"({"type":"welcome","online":1,"iceServers":[],"features":null})"}) {
    EXPECT_FALSE(std::get<p::welcome>(server_ok(c)).queued_offer) << c;
  }
}

TEST(CodecQueuedOffer, MatchedOfferSent) {
  p::matched m{p::role::initiator, {}};
  m.offer_sent = true;
  const auto wire = p::encode(p::server_message{m});
  EXPECT_EQ(wire, R"({"common":[],"offer_sent":true,"role":"initiator","type":"matched"})");
  EXPECT_TRUE(std::get<p::matched>(server_ok(wire)).offer_sent);
  EXPECT_FALSE(
      std::get<p::matched>(server_ok(R"({"type":"matched","role":"initiator","offer_sent":false})"))
          .offer_sent);
  // A responder never has an offer of its own out: the flag means nothing for it.
  EXPECT_FALSE(
      std::get<p::matched>(server_ok(R"({"type":"matched","role":"responder","offer_sent":true})"))
          .offer_sent);
  EXPECT_FALSE(p::decode_server(R"({"type":"matched","role":"initiator","offer_sent":1})").ok());
}
