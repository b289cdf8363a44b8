// Tests of core/embed/origin_rules: normalisation of origins and the exact-match allowlist,
// with the look-alikes an attacker would try.
#include "core/embed/origin_rules.hpp"

#include <gtest/gtest.h>

#include <string>

namespace novatalk::embed {
namespace {

std::string norm(const std::string& text) {
  auto r = normalize_origin(text);
  EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message);
  return r.ok() ? r.value() : "";
}

std::string refusal(const std::string& text) {
  auto r = normalize_origin(text);
  EXPECT_FALSE(r.ok()) << text << " was accepted as " << (r.ok() ? r.value() : "");
  return r.ok() ? "" : r.error().message;
}

TEST(origin_rules, normalises_case_default_ports_and_a_trailing_slash) {
  EXPECT_EQ(norm("https://partner.example"), "https://partner.example");
  EXPECT_EQ(norm("HTTPS://Partner.EXAMPLE"), "https://partner.example");
  EXPECT_EQ(norm("https://partner.example:443"), "https://partner.example");
  EXPECT_EQ(norm("http://partner.example:80/"), "http://partner.example");
  EXPECT_EQ(norm("https://partner.example:8443"), "https://partner.example:8443");
  EXPECT_EQ(norm("http://127.0.0.1:08080"), "http://127.0.0.1:8080");
  EXPECT_EQ(norm("http://[::1]:8080"), "http://[::1]:8080");
  EXPECT_EQ(norm("https://xn--bcher-kva.example"), "https://xn--bcher-kva.example");
  // A final dot is a different origin to the browser: kept, so it matches only itself.
  EXPECT_EQ(norm("https://partner.example."), "https://partner.example.");
}

TEST(origin_rules, refuses_what_is_not_an_exact_origin) {
  EXPECT_NE(refusal(""), "");
  EXPECT_NE(refusal("null"), "");
  EXPECT_NE(refusal("NULL"), "");
  EXPECT_NE(refusal("*"), "");
  EXPECT_NE(refusal("https://*.partner.example"), "");
  EXPECT_NE(refusal("partner.example"), "");
  EXPECT_NE(refusal("//partner.example"), "");
  EXPECT_NE(refusal("ftp://partner.example"), "");
  EXPECT_NE(refusal("file:///etc/passwd"), "");
  EXPECT_NE(refusal("javascript://partner.example"), "");
  EXPECT_NE(refusal("https://partner.example/path"), "");
  EXPECT_NE(refusal("https://partner.example//"), "");
  EXPECT_NE(refusal("https://partner.example?x=1"), "");
  EXPECT_NE(refusal("https://partner.example#top"), "");
  EXPECT_NE(refusal("https://user@partner.example"), "");
  EXPECT_NE(refusal("https://evil.test\\@partner.example"), "");
  EXPECT_NE(refusal(" https://partner.example"), "");
  EXPECT_NE(refusal("https://partner.example\n"), "");
  EXPECT_NE(refusal("https://partner .example"), "");
  EXPECT_NE(refusal("https://"), "");
  EXPECT_NE(refusal("https://:443"), "");
  EXPECT_NE(refusal("https://partner.example:"), "");
  EXPECT_NE(refusal("https://partner.example:0"), "");
  EXPECT_NE(refusal("https://partner.example:65536"), "");
  EXPECT_NE(refusal("https://partner.example:443x"), "");
  EXPECT_NE(refusal("https://partner..example"), "");
  EXPECT_NE(refusal("https://-partner.example"), "");
  EXPECT_NE(refusal("https://partner_example.test"), "");
  EXPECT_NE(refusal("https://[::1"), "");
  EXPECT_NE(refusal("https://p\xd0\xb0rtner.example"), "");  // Cyrillic a: punycode only
  EXPECT_NE(refusal(std::string(300, 'a')), "");
}

TEST(origin_rules, refusals_never_echo_the_input) {
  const std::string secret = "https://partner.example/secret-path-xyz";
  EXPECT_EQ(refusal(secret).find("secret-path-xyz"), std::string::npos);
}

TEST(origin_rules, own_origin_is_always_allowed) {
  origin_allowlist list("http://127.0.0.1:8080", {});
  EXPECT_TRUE(list.allows("http://127.0.0.1:8080"));
  EXPECT_FALSE(list.allows("http://localhost:8080"));  // another origin to the browser
  EXPECT_FALSE(list.allows("http://127.0.0.1:8081"));
  EXPECT_FALSE(list.allows("https://127.0.0.1:8080"));
  EXPECT_FALSE(list.allows("null"));
  EXPECT_FALSE(list.allows(""));
}

TEST(origin_rules, listed_parents_match_exactly) {
  origin_allowlist list("https://novatalk.example",
                        {"https://partner.example", "HTTPS://Other.example:443/"});
  EXPECT_TRUE(list.allows("https://partner.example"));
  EXPECT_TRUE(list.allows("https://other.example"));
  EXPECT_TRUE(list.allows("https://partner.example:443"));
  // Look-alikes.
  EXPECT_FALSE(list.allows("http://partner.example"));
  EXPECT_FALSE(list.allows("https://partner.example:8443"));
  EXPECT_FALSE(list.allows("https://partner.example.evil.test"));
  EXPECT_FALSE(list.allows("https://evilpartner.example"));
  EXPECT_FALSE(list.allows("https://sub.partner.example"));
  EXPECT_FALSE(list.allows("https://partner.example."));
  EXPECT_FALSE(list.allows("https://partner.exampl"));
  EXPECT_FALSE(
      list.allows("https://partner.example/"
                  "evil"));
  EXPECT_FALSE(list.allows("https://user@partner.example"));
  EXPECT_FALSE(list.allows("null"));
  EXPECT_TRUE(list.problems().empty());
  EXPECT_EQ(list.origins().size(), 3u);
}

TEST(origin_rules, bad_entries_are_reported_and_skipped) {
  origin_allowlist list("https://novatalk.example",
                        {"*", "null", "https://ok.example", "https://x.example/path"});
  EXPECT_TRUE(list.allows("https://ok.example"));
  EXPECT_FALSE(list.allows("https://x.example"));
  ASSERT_EQ(list.problems().size(), 3u);
  EXPECT_EQ(list.problems()[0].rfind("allowedParents[0]: ", 0), 0u);
  EXPECT_EQ(list.problems()[2].rfind("allowedParents[3]: ", 0), 0u);
}

TEST(origin_rules, an_opaque_own_origin_allows_only_the_list) {
  origin_allowlist list("null", {"https://ok.example"});
  EXPECT_FALSE(list.allows("null"));
  EXPECT_TRUE(list.allows("https://ok.example"));
  EXPECT_TRUE(list.problems().empty());  // the page's own origin is not an entry
}

TEST(origin_rules, the_list_is_bounded) {
  std::vector<std::string> many;
  for (std::size_t i = 0; i < max_allowed_parents + 5; ++i) {
    many.push_back("https://p" + std::to_string(i) + ".example");
  }
  origin_allowlist list("https://novatalk.example", many);
  EXPECT_TRUE(list.allows("https://p0.example"));
  EXPECT_FALSE(list.allows("https://p" + std::to_string(max_allowed_parents) + ".example"));
  EXPECT_EQ(list.problems().size(), 1u);
}

}  // namespace
}  // namespace novatalk::embed
