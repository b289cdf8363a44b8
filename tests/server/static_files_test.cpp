// Tests of server/static_files: mime types, index.html, and every way out of the site refused.
#include "server/static_files.hpp"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "tests/server/temp_site.hpp"

namespace novatalk::server {
namespace {

TEST(static_files, mime_types) {
  EXPECT_EQ(static_files::mime_type("/a/app.wasm"), "application/wasm");
  EXPECT_EQ(static_files::mime_type("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(static_files::mime_type("x.JS"), "text/javascript; charset=utf-8");
  EXPECT_EQ(static_files::mime_type("x.css"), "text/css; charset=utf-8");
  EXPECT_EQ(static_files::mime_type("config.json"), "application/json");
  EXPECT_EQ(static_files::mime_type("logo.svg"), "image/svg+xml");
  EXPECT_EQ(static_files::mime_type("favicon.ico"), "image/vnd.microsoft.icon");
  // The UI font (TrueType: ImGui's stb_truetype reads no WOFF2) and web fonts for the pages.
  EXPECT_EQ(static_files::mime_type("/fonts/novatalk-sans.ttf"), "font/ttf");
  EXPECT_EQ(static_files::mime_type("x.woff2"), "font/woff2");
  EXPECT_EQ(static_files::mime_type("x.WOFF"), "font/woff");
  EXPECT_EQ(static_files::mime_type("noext"), "application/octet-stream");
}

TEST(static_files, lookups) {
  test::temp_site site;
  static_files files(site.www());

  auto index = files.lookup("/");
  ASSERT_TRUE(index.ok());
  EXPECT_EQ(index.value().path, site.www() + "/index.html");
  EXPECT_EQ(index.value().name, "index.html");

  auto wasm = files.lookup("/app.wasm?v=3");
  ASSERT_TRUE(wasm.ok());
  EXPECT_EQ(wasm.value().mime_type, "application/wasm");
  EXPECT_EQ(wasm.value().name, "app.wasm");
  EXPECT_EQ(wasm.value().content_encoding, "");
  EXPECT_FALSE(wasm.value().has_variants);

  EXPECT_EQ(files.lookup("/config.json").value().name, "config.json");
  EXPECT_EQ(files.lookup("/assets").value().path, site.www() + "/assets/index.html");
  EXPECT_EQ(files.lookup("/assets/style%2Ecss").value().mime_type, "text/css; charset=utf-8");

  EXPECT_EQ(files.lookup("/missing.js").error(), static_error::not_found);
  std::ofstream(site.www() + "/_headers") << "/\n  X-Frame-Options: DENY\n";
  EXPECT_EQ(files.lookup("/_headers").error(), static_error::not_found);  // the CDN's, not ours
  EXPECT_EQ(files.lookup("/app.wasm/").error(), static_error::not_found);
}

// The static pages: /blog/ and /blog are the blog's index.html, and the fonts keep their type.
TEST(static_files, site_pages_and_fonts) {
  test::temp_site site;
  std::filesystem::create_directories(site.www() + "/blog");
  std::filesystem::create_directories(site.www() + "/fonts");
  std::ofstream(site.www() + "/blog/index.html") << "blog";
  std::ofstream(site.www() + "/blog/webrtc-privacy.html") << "article";
  std::ofstream(site.www() + "/fonts/novatalk-sans.ttf") << "ttf";
  static_files files(site.www());

  for (const char* target : {"/blog/", "/blog", "/blog/?ref=app"}) {
    auto index = files.lookup(target);
    ASSERT_TRUE(index.ok()) << target;
    EXPECT_EQ(index.value().path, site.www() + "/blog/index.html") << target;
    EXPECT_EQ(index.value().mime_type, "text/html; charset=utf-8") << target;
  }
  auto article = files.lookup("/blog/webrtc-privacy.html");
  ASSERT_TRUE(article.ok());
  EXPECT_EQ(article.value().mime_type, "text/html; charset=utf-8");
  EXPECT_EQ(article.value().name, "webrtc-privacy.html");

  auto font = files.lookup("/fonts/novatalk-sans.ttf");
  ASSERT_TRUE(font.ok());
  EXPECT_EQ(font.value().mime_type, "font/ttf");
  EXPECT_EQ(files.lookup("/blog/missing.html").error(), static_error::not_found);
  EXPECT_EQ(files.lookup("/fonts/").error(), static_error::not_found);  // no index, no listing
}

TEST(static_files, choose_encoding) {
  const auto pick = [](const char* accept, bool br = true, bool gz = true) {
    return std::string(static_files::choose_encoding(accept, br, gz));
  };
  EXPECT_EQ(pick("gzip, deflate, br"), "br");  // Chromium's header
  EXPECT_EQ(pick("br;q=1.0, gzip;q=0.8, *;q=0.1"), "br");
  EXPECT_EQ(pick("gzip, br;q=0.5"), "gzip");
  EXPECT_EQ(pick("gzip"), "gzip");
  EXPECT_EQ(pick("GZIP"), "gzip");
  EXPECT_EQ(pick("br"), "br");
  EXPECT_EQ(pick("br", false, true), "");  // only what exists
  EXPECT_EQ(pick("gzip, br", false, true), "gzip");
  EXPECT_EQ(pick("gzip, br", true, false), "br");
  EXPECT_EQ(pick(""), "");  // no header: identity
  EXPECT_EQ(pick("identity"), "");
  EXPECT_EQ(pick("deflate"), "");
  EXPECT_EQ(pick("br;q=0, gzip;q=0"), "");  // refused outright
  EXPECT_EQ(pick("br;q=0.000, gzip"), "gzip");
  EXPECT_EQ(pick("*"), "br");
  EXPECT_EQ(pick("*, br;q=0"), "gzip");
  EXPECT_EQ(pick("br;q=x"), "");  // malformed q: not accepted
}

// <file>.br / <file>.gz next to a file are sent only to requests that accept them.
TEST(static_files, precompressed_siblings) {
  test::temp_site site;
  std::ofstream(site.www() + "/app.wasm.br") << "br";
  std::ofstream(site.www() + "/app.wasm.gz") << "gz";
  std::ofstream(site.www() + "/app.js.gz") << "gz";
  static_files files(site.www());

  auto br = files.lookup("/app.wasm", "gzip, deflate, br");
  ASSERT_TRUE(br.ok());
  EXPECT_EQ(br.value().path, site.www() + "/app.wasm.br");
  EXPECT_EQ(br.value().content_encoding, "br");
  EXPECT_EQ(br.value().name, "app.wasm");
  EXPECT_EQ(br.value().mime_type, "application/wasm");  // the original's type
  EXPECT_TRUE(br.value().has_variants);

  auto gz = files.lookup("/app.wasm", "gzip");
  EXPECT_EQ(gz.value().path, site.www() + "/app.wasm.gz");
  EXPECT_EQ(gz.value().content_encoding, "gzip");

  auto plain = files.lookup("/app.wasm", "");
  EXPECT_EQ(plain.value().path, site.www() + "/app.wasm");
  EXPECT_EQ(plain.value().content_encoding, "");
  EXPECT_TRUE(plain.value().has_variants);  // still varies: a cache must not reuse it for br

  EXPECT_EQ(files.lookup("/app.js", "br").value().content_encoding, "");
  EXPECT_EQ(files.lookup("/app.js", "br, gzip").value().content_encoding, "gzip");
  EXPECT_TRUE(files.lookup("/app.js", "br").value().has_variants);
  EXPECT_FALSE(files.lookup("/config.json", "br, gzip").value().has_variants);
}

// A sibling that leads out of the site (symlink) is not one.
TEST(static_files, precompressed_sibling_symlink_out_is_ignored) {
  test::temp_site site;
  std::filesystem::create_symlink(site.root() + "/secret.txt", site.www() + "/app.js.gz");
  static_files files(site.www());
  auto r = files.lookup("/app.js", "gzip");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().path, site.www() + "/app.js");
  EXPECT_EQ(r.value().content_encoding, "");
}

TEST(static_files, traversal_refused) {
  test::temp_site site;
  static_files files(site.www());
  for (const char* target :
       {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
        "/./index.html", "/..", "/a\\..\\secret.txt", "/%00", "/%zz", "/%2", "secret.txt", ""}) {
    auto r = files.lookup(target);
    ASSERT_FALSE(r.ok()) << target;
    EXPECT_EQ(r.error(), static_error::bad_target) << target;
  }
}

TEST(static_files, symlink_out_of_the_site_refused) {
  test::temp_site site;
  std::filesystem::create_symlink(site.root() + "/secret.txt", site.www() + "/link.txt");
  static_files files(site.www());
  EXPECT_EQ(files.lookup("/link.txt").error(), static_error::not_found);
}

TEST(static_files, no_root_serves_nothing) {
  static_files files("");
  EXPECT_EQ(files.lookup("/").error(), static_error::not_found);
  EXPECT_EQ(files.lookup("/../x").error(), static_error::bad_target);
}

}  // namespace
}  // namespace novatalk::server
