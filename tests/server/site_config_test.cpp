// Tests of server/site_config: config.json read once, read again after it changed, and a
// malformed or missing file served as "no partners".
#include "server/site_config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/server/temp_site.hpp"

namespace novatalk::server {
namespace {

void write_config(const test::temp_site& site, const std::string& text) {
  std::ofstream(site.www() + "/config.json", std::ios::binary | std::ios::trunc) << text;
}

TEST(site_config, rereads_after_a_change) {
  test::temp_site site;
  write_config(site, R"({"allowedParents":["https://a.example"]})");
  site_config config(site.www());
  EXPECT_EQ(config.current().partners, (std::vector<std::string>{"https://a.example"}));
  // A different size is a change even within the file system's timestamp resolution.
  write_config(site, R"({"allowedParents":["https://a.example","https://bb.example"]})");
  EXPECT_EQ(config.current().partners,
            (std::vector<std::string>{"https://a.example", "https://bb.example"}));
  // Same size, new mtime.
  write_config(site, R"({"allowedParents":["https://c.example","https://dd.example"]})");
  std::filesystem::last_write_time(
      site.www() + "/config.json",
      std::filesystem::last_write_time(site.www() + "/config.json") + std::chrono::seconds(2));
  EXPECT_EQ(config.current().partners,
            (std::vector<std::string>{"https://c.example", "https://dd.example"}));
}

TEST(site_config, malformed_or_missing_is_no_partners) {
  test::temp_site site;
  write_config(site, R"({"allowedParents":["https://a.example"]})");
  site_config config(site.www());
  EXPECT_EQ(config.current().partners.size(), 1u);
  write_config(site, R"({"allowedParents":["https://a.example"],)");
  EXPECT_TRUE(config.current().partners.empty());
  std::filesystem::remove(site.www() + "/config.json");
  EXPECT_TRUE(config.current().partners.empty());
  write_config(site, R"({"allowedParents":["https://b.example"]})");
  EXPECT_EQ(config.current().partners, (std::vector<std::string>{"https://b.example"}));
  EXPECT_TRUE(site_config("").current().partners.empty());  // no site
}

}  // namespace
}  // namespace novatalk::server
