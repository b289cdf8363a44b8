// Tests of server/site_headers: config.json -> policy, file kinds, and the exact header values.
#include "server/site_headers.hpp"

#include <gtest/gtest.h>

namespace novatalk::server {
namespace {

std::string header_value(const std::vector<header>& hs, const std::string& name) {
  for (const auto& h : hs)
    if (h.name == name) return h.value;
  return "(absent)";
}

TEST(site_headers, policy_from_config_json) {
  auto p = parse_site_policy(
      R"({"signal":"/ws","allowedParents":["https://partner.example","HTTP://Shop.Example:8080/"]})");
  ASSERT_TRUE(p.ok()) << p.error();
  EXPECT_EQ(p.value().partners,
            (std::vector<std::string>{"https://partner.example", "http://shop.example:8080"}));
  EXPECT_EQ(p.value().signal_origin, "");  // relative: the page's own origin
  EXPECT_TRUE(p.value().problems.empty());

  p = parse_site_policy(R"({"signal":"wss://Signal.NovaTalk.example:443/ws"})");
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p.value().partners.empty());
  EXPECT_EQ(p.value().signal_origin, "wss://signal.novatalk.example");
  EXPECT_EQ(parse_site_policy(R"({"signal":"ws://127.0.0.1:9000/ws"})").value().signal_origin,
            "ws://127.0.0.1:9000");
  EXPECT_EQ(parse_site_policy(R"({"signal":"https://s.example/ws"})").value().signal_origin,
            "wss://s.example");
  EXPECT_EQ(parse_site_policy("{}").value().partners.size(), 0u);
}

TEST(site_headers, bad_entries_are_dropped_and_named) {
  auto p = parse_site_policy(
      R"({"allowedParents":["https://ok.example","*","https://x.example/path",7,"null"],
          "signal":"ftp://x/ws"})");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.value().partners, (std::vector<std::string>{"https://ok.example"}));
  ASSERT_EQ(p.value().problems.size(), 5u);
  EXPECT_EQ(p.value().problems[0].rfind("allowedParents[1]: ", 0), 0u) << p.value().problems[0];
  EXPECT_EQ(p.value().problems[4].rfind("signal: ", 0), 0u) << p.value().problems[4];
  EXPECT_EQ(p.value().signal_origin, "");
}

TEST(site_headers, malformed_config_json_is_an_error) {
  EXPECT_EQ(parse_site_policy("{").error(), "config.json is not valid JSON");
  EXPECT_EQ(parse_site_policy("[]").error(), "config.json is not a JSON object");
  EXPECT_EQ(parse_site_policy(R"({"allowedParents":"https://a.example"})").error(),
            "allowedParents is not an array of origins");
}

TEST(site_headers, kinds) {
  EXPECT_EQ(classify("index.html"), file_kind::page);
  EXPECT_EQ(classify("/blog/webrtc-privacy.HTML"), file_kind::page);
  EXPECT_EQ(classify("novatalk.3f2a9c1b.wasm"), file_kind::hashed);
  EXPECT_EQ(classify("/fonts/novatalk-sans.0123456789abcdef.ttf"), file_kind::hashed);
  EXPECT_EQ(classify("embed.js"), file_kind::embed_script);
  EXPECT_EQ(classify("config.json"), file_kind::other);
  EXPECT_EQ(classify("novatalk.wasm"), file_kind::other);
  EXPECT_EQ(classify("style.css"), file_kind::other);
  // Not a hash: too short, not hex, uppercase, no extension, or no name before it.
  for (const char* name :
       {"novatalk.3f2a9c1.wasm", "novatalk.3f2a9c1g.wasm", "novatalk.3F2A9C1B.wasm",
        "novatalk.3f2a9c1b", ".3f2a9c1b.js", "3f2a9c1b.js", "a.3f2a9c1b."})
    EXPECT_FALSE(is_content_hashed(name)) << name;
}

TEST(site_headers, csp_without_partners) {
  EXPECT_EQ(content_security_policy({}),
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
            "img-src 'self' data: blob:; media-src 'self' blob: mediastream:; "
            "connect-src 'self'; font-src 'self'; worker-src 'none'; object-src 'none'; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'self'");
}

TEST(site_headers, partners_and_signal_reach_the_policies) {
  site_policy p;
  p.partners = {"https://a.example", "http://127.0.0.1:9001"};
  p.signal_origin = "wss://signal.example";
  const auto csp = content_security_policy(p);
  EXPECT_NE(csp.find("; connect-src 'self' wss://signal.example;"), std::string::npos) << csp;
  EXPECT_NE(csp.find("; frame-ancestors 'self' https://a.example http://127.0.0.1:9001"),
            std::string::npos)
      << csp;
  EXPECT_EQ(permissions_policy(p),
            R"(camera=(self "https://a.example" "http://127.0.0.1:9001"), )"
            R"(microphone=(self "https://a.example" "http://127.0.0.1:9001"), )"
            R"(autoplay=(self "https://a.example" "http://127.0.0.1:9001"), )"
            R"(fullscreen=(self "https://a.example" "http://127.0.0.1:9001"), )"
            "geolocation=(), payment=(), usb=()");
  EXPECT_EQ(permissions_policy({}),
            "camera=(self), microphone=(self), autoplay=(self), fullscreen=(self), "
            "geolocation=(), payment=(), usb=()");
}

TEST(site_headers, per_kind) {
  site_policy p;
  p.partners = {"https://a.example"};
  const auto page = site_headers(file_kind::page, p);
  EXPECT_EQ(header_value(page, "Cache-Control"), "no-cache");
  EXPECT_EQ(header_value(page, csp_header_name()), content_security_policy(p));
  // Until the whole policy is enforced, its frame-ancestors is, on its own.
  if (!csp_enforced)
    EXPECT_EQ(header_value(page, "Content-Security-Policy"),
              "frame-ancestors 'self' https://a.example");
  EXPECT_EQ(header_value(page, "Permissions-Policy"), permissions_policy(p));
  EXPECT_EQ(header_value(page, "Cross-Origin-Resource-Policy"), "same-origin");
  EXPECT_EQ(header_value(page, "X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(header_value(page, "Referrer-Policy"), "no-referrer");

  const auto hashed = site_headers(file_kind::hashed, p);
  EXPECT_EQ(header_value(hashed, "Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(header_value(hashed, "Cross-Origin-Resource-Policy"), "same-origin");
  EXPECT_EQ(header_value(hashed, csp_header_name()), "(absent)");
  EXPECT_EQ(header_value(hashed, "Permissions-Policy"), "(absent)");

  const auto embed = site_headers(file_kind::embed_script, p);
  EXPECT_EQ(header_value(embed, "Cache-Control"), "no-cache");
  EXPECT_EQ(header_value(embed, "Cross-Origin-Resource-Policy"), "cross-origin");

  const auto other = site_headers(file_kind::other, p);
  EXPECT_EQ(header_value(other, "Cache-Control"), "no-cache");
  EXPECT_EQ(header_value(other, "Cross-Origin-Resource-Policy"), "same-origin");
  EXPECT_EQ(header_value(other, "Referrer-Policy"), "no-referrer");
}

}  // namespace
}  // namespace novatalk::server
