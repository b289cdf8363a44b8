// Tests of the static site's headers through the real binary (server/site_headers via
// http_session): per kind of file, partners taken from config.json as it changes, and the
// precompressed siblings sent only when accepted.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "server/site_headers.hpp"
#include "tests/server/server_process.hpp"
#include "tests/server/temp_site.hpp"
#include "tests/server/ws_client.hpp"

namespace novatalk::server::test {
namespace {

void write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

std::string csp_header() {
  std::string name = csp_header_name();
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

TEST(http_session_headers, per_kind_of_file) {
  temp_site site;
  write(site.www() + "/novatalk.3f2a9c1b.wasm", "wasm");
  write(site.www() + "/embed.js", "embed");
  write(site.www() + "/config.json", R"({"allowedParents":["https://partner.example"]})");
  server_process server({"--www", site.www()});
  ASSERT_TRUE(server.started()) << server.log();
  const auto port = server.port();

  auto page = http_request(port, "GET", "/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->header(csp_header()),
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
            "img-src 'self' data: blob:; media-src 'self' blob: mediastream:; "
            "connect-src 'self'; font-src 'self'; worker-src 'none'; object-src 'none'; "
            "base-uri 'none'; form-action 'none'; frame-ancestors 'self' "
            "https://partner.example");
  EXPECT_EQ(page->header("permissions-policy"),
            R"(camera=(self "https://partner.example"), microphone=(self "https://partner.example"), )"
            R"(autoplay=(self "https://partner.example"), fullscreen=(self "https://partner.example"), )"
            "geolocation=(), payment=(), usb=()");
  if (!csp_enforced)
    EXPECT_EQ(page->header("content-security-policy"),
              "frame-ancestors 'self' https://partner.example");
  EXPECT_EQ(page->cache_control, "no-cache");
  EXPECT_EQ(page->header("cross-origin-resource-policy"), "same-origin");
  EXPECT_EQ(page->header("x-content-type-options"), "nosniff");
  EXPECT_EQ(page->header("referrer-policy"), "no-referrer");
  EXPECT_EQ(page->header("vary"), "");  // no siblings

  auto hashed = http_request(port, "GET", "/novatalk.3f2a9c1b.wasm");
  ASSERT_TRUE(hashed);
  EXPECT_EQ(hashed->status, 200);
  EXPECT_EQ(hashed->content_type, "application/wasm");
  EXPECT_EQ(hashed->cache_control, "public, max-age=31536000, immutable");
  EXPECT_EQ(hashed->header("cross-origin-resource-policy"), "same-origin");
  EXPECT_EQ(hashed->header(csp_header()), "");

  auto embed = http_request(port, "GET", "/embed.js");
  ASSERT_TRUE(embed);
  EXPECT_EQ(embed->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(embed->cache_control, "no-cache");
  EXPECT_EQ(embed->header("cross-origin-resource-policy"), "cross-origin");

  auto cfg = http_request(port, "GET", "/config.json");
  ASSERT_TRUE(cfg);
  EXPECT_EQ(cfg->cache_control, "no-cache");
  EXPECT_EQ(cfg->header("cross-origin-resource-policy"), "same-origin");
}

// Adding a partner to config.json is all it takes; a malformed file is no partners, one line.
TEST(http_session_headers, partners_follow_config_json) {
  temp_site site;
  const auto config = site.www() + "/config.json";
  write(config, R"({"signal":"/ws"})");
  server_process server({"--www", site.www()});
  ASSERT_TRUE(server.started()) << server.log();
  const auto frame_ancestors = [&] {
    auto r = http_request(server.port(), "GET", "/index.html");
    const auto csp = r ? r->header(csp_header()) : std::string();
    return csp.substr(csp.find("frame-ancestors"));
  };
  EXPECT_EQ(frame_ancestors(), "frame-ancestors 'self'");

  write(config, R"({"signal":"/ws","allowedParents":["https://partner.example"]})");
  EXPECT_EQ(frame_ancestors(), "frame-ancestors 'self' https://partner.example");

  write(config, R"({"signal":"/ws","allowedParents":["https://partner.example",)");
  EXPECT_EQ(frame_ancestors(), "frame-ancestors 'self'");
  EXPECT_TRUE(server.wait_for_log("event=site_config_error error=\"config.json is not valid JSON"))
      << server.log();
  frame_ancestors();  // unchanged file: no second line

  write(config, R"({"allowedParents":["https://partner.example","https://two.example"]})");
  EXPECT_EQ(frame_ancestors(), "frame-ancestors 'self' https://partner.example https://two.example");
  // Logged after the request above, so every line of the unchanged-file request is in by now.
  ASSERT_TRUE(server.wait_for_log("event=site_config partners=2")) << server.log();
  const auto log = server.log();
  const auto first = log.find("event=site_config_error");
  EXPECT_EQ(log.find("event=site_config_error", first + 1), std::string::npos) << log;
}

TEST(http_session_headers, precompressed_only_when_accepted) {
  temp_site site;
  write(site.www() + "/app.wasm.br", "BROTLI");
  write(site.www() + "/app.wasm.gz", "GZIP");
  write(site.www() + "/index.html.gz", "GZIP-INDEX");
  server_process server({"--www", site.www()});
  ASSERT_TRUE(server.started()) << server.log();
  const auto port = server.port();
  const auto get = [&](const std::string& target, const char* accept, const char* method = "GET") {
    header_list h;
    if (accept) h.push_back({"Accept-Encoding", accept});
    return http_request(port, method, target, 5s, h);
  };

  auto br = get("/app.wasm", "gzip, deflate, br");
  ASSERT_TRUE(br);
  EXPECT_EQ(br->body, "BROTLI");
  EXPECT_EQ(br->header("content-encoding"), "br");
  EXPECT_EQ(br->content_type, "application/wasm");
  EXPECT_EQ(br->header("vary"), "Accept-Encoding");

  auto gz = get("/app.wasm", "gzip");
  ASSERT_TRUE(gz);
  EXPECT_EQ(gz->body, "GZIP");
  EXPECT_EQ(gz->header("content-encoding"), "gzip");
  EXPECT_EQ(gz->content_type, "application/wasm");

  for (const char* accept : {static_cast<const char*>(nullptr), "identity", "deflate",
                             "br;q=0, gzip;q=0"}) {
    auto plain = get("/app.wasm", accept);
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->body, std::string("\0asm\x01\0\0\0", 8)) << (accept ? accept : "(none)");
    EXPECT_EQ(plain->header("content-encoding"), "") << (accept ? accept : "(none)");
    EXPECT_EQ(plain->header("vary"), "Accept-Encoding");
  }

  auto head = get("/app.wasm", "br", "HEAD");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->content_length, "6");
  EXPECT_EQ(head->header("content-encoding"), "br");

  auto index = get("/", "br, gzip");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->body, "GZIP-INDEX");
  EXPECT_EQ(index->header("content-encoding"), "gzip");
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  EXPECT_NE(index->header(csp_header()), "");  // the page's headers, not the sibling's

  auto js = get("/app.js", "br, gzip");  // no siblings
  ASSERT_TRUE(js);
  EXPECT_EQ(js->body, "console.log(1)");
  EXPECT_EQ(js->header("content-encoding"), "");
  EXPECT_EQ(js->header("vary"), "");
}

}  // namespace
}  // namespace novatalk::server::test
