// Bans end to end, through the binary: clients come "through a proxy" on loopback
// (--trusted-proxies 127.0.0.1) with X-Forwarded-For addresses of their own, so distinct
// reporters are distinct addresses. Three of them reporting one address ban it at once; its
// joins and its other tabs are refused with the time left; one reporter with many tabs counts
// once; the log never holds an address.
#include <gtest/gtest.h>

#include "tests/server/server_fixture.hpp"

namespace novatalk::server::test {
namespace {

class ban_test : public server_test {
 protected:
  std::vector<std::string> args() override {
    return {"--trusted-proxies", "127.0.0.1", "--interest-wait", "0"};
  }

  // A client at `ip` (as the proxy says), its welcome read.
  ws_client from(const std::string& ip) {
    ws_client c(server().port(), 5s, std::nullopt, {{"X-Forwarded-For", ip}});
    EXPECT_TRUE(c.connected());
    EXPECT_EQ(c.next()["type"], "welcome");
    return c;
  }

  // `target` (queued alone) meets a reporter at `ip`, which reports it and goes. What `target`
  // hears about it.
  std::vector<json> reported_by(ws_client& target, const std::string& ip) {
    auto reporter = from(ip);
    EXPECT_TRUE(reporter.send_json(join_message()));
    EXPECT_EQ(reporter.next()["type"], "matched");
    EXPECT_EQ(target.next()["type"], "matched");
    EXPECT_TRUE(reporter.send_json({{"type", "report"}, {"reason", "harassment"}}));
    std::vector<json> heard;
    for (json m = target.next(); !m.is_null(); m = target.next()) {
      heard.push_back(m);
      if (m["type"] == "partner_left") break;
    }
    reporter.close();
    return heard;
  }
};

TEST_F(ban_test, three_reporting_addresses_ban_one_and_every_tab_of_it_is_refused) {
  auto target = from("203.0.113.9");
  for (const char* ip : {"198.51.100.1", "198.51.100.2"}) {
    join_and_wait(target);
    const auto heard = reported_by(target, ip);
    ASSERT_EQ(heard.size(), 1u);
    EXPECT_EQ(heard[0], json({{"type", "partner_left"}, {"reason", "next"}}));
  }
  join_and_wait(target);
  const auto heard = reported_by(target, "198.51.100.3");
  // The third report bans it at once (it hears before its call is ended).
  ASSERT_EQ(heard.size(), 2u);
  EXPECT_EQ(heard[0]["type"], "error");
  EXPECT_EQ(heard[0]["code"], "banned");
  EXPECT_EQ(heard[0]["retry_after"], 3600);
  EXPECT_EQ(heard[1]["type"], "partner_left");

  // Searching again is refused with the time left, and nothing is queued.
  ASSERT_TRUE(target.send_json(join_message()));
  auto refused = target.next();
  EXPECT_EQ(refused["code"], "banned");
  EXPECT_GE(refused["retry_after"].get<int>(), 3590);
  EXPECT_LE(refused["retry_after"].get<int>(), 3600);
  auto other = from("192.0.2.50");
  join_and_wait(other);  // nobody is there for it
  // Another tab of the banned address is refused too; next is refused like join.
  auto tab = from("203.0.113.9");
  ASSERT_TRUE(tab.send_json(join_message()));
  EXPECT_EQ(tab.next()["code"], "banned");
  ASSERT_TRUE(target.send_json({{"type", "next"}}));
  EXPECT_EQ(target.next()["code"], "banned");
  expect_nothing_pending(other);

  EXPECT_TRUE(server().wait_for_log("event=banned")) << server().log();
  // Ids and seconds only: no address, and no key of one.
  for (const char* ip : {"203.0.113", "198.51.100", "192.0.2"})
    EXPECT_EQ(server().log().find(ip), std::string::npos) << ip;
}

TEST_F(ban_test, one_reporter_with_many_tabs_counts_once) {
  auto target = from("203.0.113.9");
  for (int tab = 0; tab < 4; ++tab) {
    join_and_wait(target);
    const auto heard = reported_by(target, "198.51.100.1");
    ASSERT_EQ(heard.size(), 1u);
    EXPECT_EQ(heard[0]["type"], "partner_left");
  }
  join_and_wait(target);  // still allowed to search
}

class bans_off_test : public ban_test {
 protected:
  std::vector<std::string> args() override {
    return {"--trusted-proxies", "127.0.0.1", "--ban-reports", "0"};
  }
};

TEST_F(bans_off_test, zero_ban_reports_never_bans) {
  auto target = from("203.0.113.9");
  for (const char* ip : {"198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4"}) {
    join_and_wait(target);
    const auto heard = reported_by(target, ip);
    ASSERT_EQ(heard.size(), 1u);
    EXPECT_EQ(heard[0]["type"], "partner_left");
  }
  join_and_wait(target);
}

}  // namespace
}  // namespace novatalk::server::test
