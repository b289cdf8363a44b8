// Tests of GET /metrics (server/metrics via http_session): the text format, and the online and
// per-partner counts through the real binary as clients join and leave.
#include "server/metrics.hpp"

#include <gtest/gtest.h>

#include "tests/server/server_fixture.hpp"

namespace novatalk::server::test {
namespace {

TEST(metrics, text_format) {
  EXPECT_EQ(metrics_text({2, {{"blog-b", 1}, {"shop.example", 1}}}),
            "# HELP novatalk_online Open WebSocket connections.\n"
            "# TYPE novatalk_online gauge\n"
            "novatalk_online 2\n"
            "# HELP novatalk_partner_online Open connections whose last join named this partner.\n"
            "# TYPE novatalk_partner_online gauge\n"
            "novatalk_partner_online{partner=\"blog-b\"} 1\n"
            "novatalk_partner_online{partner=\"shop.example\"} 1\n");
}

class metrics_test : public server_test {
 protected:
  std::string metrics() {
    auto r = http_request(server().port(), "GET", "/metrics");
    EXPECT_TRUE(r);
    if (!r) return {};
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->content_type, "text/plain; charset=utf-8");
    EXPECT_EQ(r->cache_control, "no-store");
    return r->body;
  }
  static json join_with(const std::string& partner) {
    auto j = join_message();
    j["partner"] = partner;
    return j;
  }
};

TEST_F(metrics_test, counts_online_per_partner) {
  EXPECT_NE(metrics().find("\nnovatalk_online 0\n"), std::string::npos);
  auto a = connect();
  auto b = connect();
  auto c = connect();
  ASSERT_TRUE(a.send_json(join_with("shop.example")));
  expect_nothing_pending(a);
  ASSERT_TRUE(b.send_json(join_with("shop.example")));
  ASSERT_EQ(b.next()["type"], "matched");
  join_and_wait(c);  // no partner
  auto text = metrics();
  EXPECT_NE(text.find("\nnovatalk_online 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nnovatalk_partner_online{partner=\"shop.example\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("partner=\"\""), std::string::npos) << text;  // "none" is no partner

  b.close();
  ASSERT_TRUE(server().wait_for_log("event=disconnected id=2"));
  text = metrics();
  EXPECT_NE(text.find("\nnovatalk_online 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("{partner=\"shop.example\"} 1\n"), std::string::npos) << text;

  // A bad id is refused (bad_message) and counted nowhere; the connection stays.
  ASSERT_TRUE(c.send_json(join_with("Shop Example")));
  auto err = c.next();
  EXPECT_EQ(err["code"], "bad_message") << err.dump();
  EXPECT_EQ(metrics().find("Shop"), std::string::npos);
  EXPECT_TRUE(server().wait_for_log("partner=shop.example"));  // a site's id, in the join line
}

}  // namespace
}  // namespace novatalk::server::test
