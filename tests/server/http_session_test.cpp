// Tests of server/http_session through the real binary: /healthz, the static site with its
// content types and cache headers, HEAD, traversal refused, other methods refused.
#include <gtest/gtest.h>

#include "tests/server/server_process.hpp"
#include "tests/server/temp_site.hpp"
#include "tests/server/ws_client.hpp"

namespace novatalk::server::test {
namespace {

TEST(http_session, healthz) {
  server_process server;
  ASSERT_TRUE(server.started()) << server.log();
  auto r = http_request(server.port(), "GET", "/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "ok\n");
  r = http_request(server.port(), "GET", "/healthz?probe=1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST(http_session, static_site) {
  temp_site site;
  server_process server({"--www", site.www()});
  ASSERT_TRUE(server.started()) << server.log();
  const auto port = server.port();

  auto index = http_request(port, "GET", "/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(index->cache_control, "no-cache");
  EXPECT_EQ(index->body, "<!doctype html><title>NovaTalk</title>");

  auto wasm = http_request(port, "GET", "/app.wasm");
  ASSERT_TRUE(wasm);
  EXPECT_EQ(wasm->status, 200);
  EXPECT_EQ(wasm->content_type, "application/wasm");
  EXPECT_EQ(wasm->cache_control, "no-cache");  // not content-hashed: revalidated
  EXPECT_EQ(wasm->body, std::string("\0asm\x01\0\0\0", 8));

  auto js = http_request(port, "GET", "/app.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");

  auto cfg = http_request(port, "GET", "/config.json");
  ASSERT_TRUE(cfg);
  EXPECT_EQ(cfg->content_type, "application/json");
  EXPECT_EQ(cfg->cache_control, "no-cache");

  auto head = http_request(port, "HEAD", "/app.wasm");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->content_type, "application/wasm");
  EXPECT_EQ(head->content_length, "8");
  EXPECT_EQ(head->body, "");

  auto missing = http_request(port, "GET", "/nope.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST(http_session, out_www_in_the_working_directory_is_the_default_site) {
  temp_site site;
  std::filesystem::create_directories(site.root() + "/out");
  std::filesystem::rename(site.www(), site.root() + "/out/www");
  server_process server({}, site.root());
  ASSERT_TRUE(server.started()) << server.log();
  auto r = http_request(server.port(), "GET", "/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "<!doctype html><title>NovaTalk</title>");
}

TEST(http_session, traversal_refused) {
  temp_site site;
  server_process server({"--www", site.www()});
  ASSERT_TRUE(server.started()) << server.log();
  for (const char* target :
       {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt"}) {
    auto r = http_request(server.port(), "GET", target);
    ASSERT_TRUE(r) << target;
    EXPECT_EQ(r->status, 400) << target;
    EXPECT_EQ(r->body.find("TOP-SECRET"), std::string::npos) << target;
  }
}

TEST(http_session, no_site_and_other_methods) {
  server_process server;
  ASSERT_TRUE(server.started()) << server.log();
  auto r = http_request(server.port(), "GET", "/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  r = http_request(server.port(), "POST", "/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 405);
  r = http_request(server.port(), "GET", "/ws");  // no upgrade headers
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 426);
}

}  // namespace
}  // namespace novatalk::server::test
