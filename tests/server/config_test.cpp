// Tests of server/config: the flags, their defaults and every refusal, plus the binary's exit
// codes for --help and a bad command line.
#include "server/config.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>

#include "tests/server/server_process.hpp"

namespace novatalk::server {
namespace {

result<config, parse_exit> parse(std::vector<std::string> args, bool out_www = false) {
  return parse_config(args, out_www);
}

TEST(config, defaults) {
  auto r = parse({});
  ASSERT_TRUE(r.ok());
  const auto& c = r.value();
  EXPECT_EQ(c.listen_host, "127.0.0.1");
  EXPECT_EQ(c.listen_port, 8080);
  EXPECT_EQ(c.www_dir, "");
  EXPECT_EQ(c.ice_servers_json, R"([{"urls":"stun:stun.l.google.com:19302"}])");
  EXPECT_EQ(c.interest_wait, std::chrono::seconds(5));
  EXPECT_EQ(c.threads, 1u);
  EXPECT_EQ(c.send_queue_max, 128u * 1024);
  EXPECT_EQ(parse({}, true).value().www_dir, "out/www");
}

TEST(config, every_flag) {
  auto r = parse({"--listen", "0.0.0.0:0", "--www", "/tmp", "--ice-servers",
                  R"([ {"urls": ["stun:a", "turn:b"], "username": "u", "credential": "c"} ])",
                  "--interest-wait", "0", "--threads", "4", "--send-queue-max=70000"});
  ASSERT_TRUE(r.ok()) << r.error().text;
  const auto& c = r.value();
  EXPECT_EQ(c.listen_host, "0.0.0.0");
  EXPECT_EQ(c.listen_port, 0);
  EXPECT_EQ(c.www_dir, "/tmp");
  EXPECT_EQ(c.ice_servers_json,
            R"([{"credential":"c","urls":["stun:a","turn:b"],"username":"u"}])");
  EXPECT_EQ(c.interest_wait, std::chrono::seconds(0));
  EXPECT_EQ(c.threads, 4u);
  EXPECT_EQ(c.send_queue_max, 70000u);
}

TEST(config, listen_forms) {
  EXPECT_EQ(parse({"--listen", "[::1]:9000"}).value().listen_host, "::1");
  EXPECT_EQ(parse({"--listen", "localhost:9000"}).value().listen_host, "127.0.0.1");
  EXPECT_EQ(parse({"--listen=127.0.0.1:65535"}).value().listen_port, 65535);
}

TEST(config, refusals_exit_2_and_name_the_flag) {
  const std::vector<std::vector<std::string>> bad = {
      {"--bogus"},
      {"--listen"},
      {"--listen", "8080"},
      {"--listen", "127.0.0.1:65536"},
      {"--listen", "127.0.0.1:-1"},
      {"--listen", "example.com:80"},
      {"--www", "/nonexistent/novatalk"},
      {"--ice-servers", "not json"},
      {"--ice-servers", R"({"urls":"stun:a"})"},
      {"--ice-servers", R"([{"url":"stun:a"}])"},
      {"--ice-servers", R"([{"urls":[]}])"},
      {"--ice-servers", R"([{"urls":[1]}])"},
      {"--interest-wait", "-1"},
      {"--interest-wait", "1.5"},
      {"--interest-wait", "99999"},
      {"--threads", "0"},
      {"--threads", "x"},
      {"--send-queue-max", "10"},
      {"--turn-secret-file", "/nonexistent/secret"},
      {"--turn-uris", "stun:a:3478"},
      {"--turn-uris", "turn:a:3478,"},
      {"--turn-uris", "turn:a b"},
      {"--turn-ttl", "59"},
      {"--turn-ttl", "86401"},
      {"--allowed-origins", "novatalk.example"},
      {"--allowed-origins", "https://novatalk.example/app"},
      {"--allowed-origins", "https://novatalk.example,null"},
      {"--allowed-origins", "https://*.novatalk.example"},
      {"--allowed-origins", "https://novatalk.example,"},
      {"--allowed-origins", "https://a.example, https://b.example"},
      {"--allowed-origins", "ftp://novatalk.example"},
  };
  for (const auto& args : bad) {
    auto r = parse(args);
    ASSERT_FALSE(r.ok()) << args[0];
    EXPECT_EQ(r.error().code, 2) << args[0];
    const auto flag = args[0].substr(0, args[0].find('='));
    EXPECT_NE(r.error().text.find(flag), std::string::npos) << r.error().text;
  }
}

// A file in the test's temporary directory, removed at the end.
struct temp_file {
  explicit temp_file(const std::string& content) {
    path = ::testing::TempDir() + "novatalk-turn-secret-" + std::to_string(::getpid());
    std::FILE* f = std::fopen(path.c_str(), "wb");
    std::fwrite(content.data(), 1, content.size(), f);
    std::fclose(f);
  }
  ~temp_file() { std::remove(path.c_str()); }
  std::string path;
};

TEST(config, turn_flags) {
  temp_file secret("s3cr3t-value\n");
  auto r = parse({"--turn-secret-file", secret.path, "--turn-uris",
                  "turn:t.example:3478?transport=udp,turns:t.example:443?transport=tcp",
                  "--turn-ttl", "300"});
  ASSERT_TRUE(r.ok()) << r.error().text;
  EXPECT_EQ(r.value().turn_secret, "s3cr3t-value");  // the editor's line break is not part of it
  EXPECT_EQ(r.value().turn_uris, (std::vector<std::string>{"turn:t.example:3478?transport=udp",
                                                           "turns:t.example:443?transport=tcp"}));
  EXPECT_EQ(r.value().turn_ttl, std::chrono::seconds(300));
  EXPECT_EQ(parse({}).value().turn_ttl, std::chrono::seconds(600));
  EXPECT_TRUE(parse({}).value().turn_uris.empty());
}

TEST(config, turn_secret_and_uris_go_together_and_the_secret_is_never_echoed) {
  temp_file secret("s3cr3t-value");
  auto r = parse({"--turn-secret-file", secret.path});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().text.find("go together"), std::string::npos);
  EXPECT_FALSE(parse({"--turn-uris", "turn:a:3478"}).ok());
  temp_file empty("\n");
  r = parse({"--turn-secret-file", empty.path, "--turn-uris", "turn:a:3478"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().text.find("empty"), std::string::npos);
  r = parse({"--turn-secret-file", secret.path, "--turn-uris", "bad"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().text.find("s3cr3t"), std::string::npos) << r.error().text;
}

TEST(config, allowed_origins) {
  EXPECT_TRUE(parse({}).value().allowed_origins.empty());  // default: any origin
  // Normalised as browsers send them (lowercase, no default port, no slash), duplicates dropped.
  auto r = parse({"--allowed-origins",
                  "https://novatalk.example,http://127.0.0.1:8080,HTTPS://NovaTalk.example:443/"});
  ASSERT_TRUE(r.ok()) << r.error().text;
  EXPECT_EQ(r.value().allowed_origins,
            (std::vector<std::string>{"https://novatalk.example", "http://127.0.0.1:8080"}));
  // The error names the flag, the bad entry and what is wrong with it.
  r = parse({"--allowed-origins=https://novatalk.example,https://partner.example/app"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().text.find("--allowed-origins: \"https://partner.example/app\": an origin "
                                "has no path"),
            std::string::npos)
      << r.error().text;
}

TEST(config, trusted_proxies) {
  EXPECT_TRUE(parse({}).value().trusted_proxies.empty());  // default: no proxy is trusted
  auto r = parse({"--trusted-proxies", "127.0.0.1,10.0.0.0/8,::1,fd00::/8"});
  ASSERT_TRUE(r.ok()) << r.error().text;
  EXPECT_EQ(r.value().trusted_proxies.size(), 4u);
  EXPECT_TRUE(in_networks(r.value().trusted_proxies, "10.20.30.40"));
  for (const char* bad : {"", "localhost", "10.0.0.0/33", "127.0.0.1,", "1.2.3.4:80"}) {
    r = parse({"--trusted-proxies", bad});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, 2);
    EXPECT_NE(r.error().text.find("--trusted-proxies: "), std::string::npos) << r.error().text;
  }
}

TEST(config, ban_flags) {
  const auto d = parse({}).value();
  EXPECT_EQ(d.ban_reports, 3u);
  EXPECT_EQ(d.ban_seconds, std::chrono::seconds(3600));
  auto r = parse({"--ban-reports", "0", "--ban-seconds=86400"});
  ASSERT_TRUE(r.ok()) << r.error().text;
  EXPECT_EQ(r.value().ban_reports, 0u);  // bans off
  EXPECT_EQ(r.value().ban_seconds, std::chrono::seconds(86400));
  for (std::vector<std::string> bad : {std::vector<std::string>{"--ban-reports", "-1"},
                                       {"--ban-reports", "1001"},
                                       {"--ban-reports", "three"},
                                       {"--ban-seconds", "0"},
                                       {"--ban-seconds", "86401"}}) {
    r = parse(bad);
    ASSERT_FALSE(r.ok()) << bad[0] << " " << bad[1];
    EXPECT_EQ(r.error().code, 2);
    EXPECT_NE(r.error().text.find(bad[0]), std::string::npos) << r.error().text;
  }
}

TEST(config, limits) {
  const auto d = parse({}).value();
  EXPECT_EQ(d.message_limits.burst, 40u);
  EXPECT_EQ(d.message_limits.rate, 10u);
  EXPECT_EQ(d.message_limits.next_interval, std::chrono::milliseconds(1000));
  EXPECT_EQ(d.ping_interval, std::chrono::seconds(20));
  EXPECT_EQ(d.idle_timeout, std::chrono::seconds(30));
  EXPECT_EQ(d.handshake_timeout, std::chrono::seconds(10));
  EXPECT_EQ(d.address_limits.max_open, 20u);
  EXPECT_EQ(d.address_limits.max_new, 10u);
  auto r = parse({"--msg-burst", "5", "--msg-rate", "2", "--next-interval-ms", "250",
                  "--send-queue-bytes", "65536", "--ping-interval", "1", "--idle-timeout", "3",
                  "--handshake-timeout", "2", "--max-conns-per-ip", "4",
                  "--max-new-conns-per-ip=3"});
  ASSERT_TRUE(r.ok()) << r.error().text;
  const auto& c = r.value();
  EXPECT_EQ(c.message_limits.burst, 5u);
  EXPECT_EQ(c.message_limits.rate, 2u);
  EXPECT_EQ(c.message_limits.next_interval, std::chrono::milliseconds(250));
  EXPECT_EQ(c.send_queue_max, 65536u);
  EXPECT_EQ(c.ping_interval, std::chrono::seconds(1));
  EXPECT_EQ(c.idle_timeout, std::chrono::seconds(3));
  EXPECT_EQ(c.handshake_timeout, std::chrono::seconds(2));
  EXPECT_EQ(c.address_limits.max_open, 4u);
  EXPECT_EQ(c.address_limits.max_new, 3u);
  // The old name of --send-queue-bytes still works.
  EXPECT_EQ(parse({"--send-queue-max", "70000"}).value().send_queue_max, 70000u);
  // 0 turns every one of them off.
  r = parse({"--msg-burst", "0", "--msg-rate", "0", "--next-interval-ms", "0",
             "--send-queue-bytes", "0", "--ping-interval", "0", "--idle-timeout", "0",
             "--handshake-timeout", "0", "--max-conns-per-ip", "0", "--max-new-conns-per-ip",
             "0"});
  ASSERT_TRUE(r.ok()) << r.error().text;
  EXPECT_EQ(r.value().send_queue_max, 0u);
  for (const std::vector<std::string>& bad :
       {std::vector<std::string>{"--msg-burst", "-1"}, {"--msg-rate", "x"},
        {"--next-interval-ms", "3600001"}, {"--send-queue-bytes", "1000"},
        {"--ping-interval", "3601"}, {"--idle-timeout", "1.5"}, {"--handshake-timeout", ""},
        {"--max-conns-per-ip", "1000001"}, {"--max-new-conns-per-ip", "-3"},
        {"--ping-interval", "30", "--idle-timeout", "30"}}) {
    r = parse(bad);
    ASSERT_FALSE(r.ok()) << bad[0];
    EXPECT_EQ(r.error().code, 2);
    EXPECT_NE(r.error().text.find(bad.size() > 2 ? "--ping-interval" : bad[0]), std::string::npos)
        << r.error().text;
  }
}

TEST(config, help_lists_every_flag_with_its_default) {
  auto r = parse({"--help"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, 0);
  for (const char* s :
       {"--listen", "127.0.0.1:8080", "--www", "out/www", "--ice-servers",
        "stun:stun.l.google.com:19302", "--interest-wait", "(default 5)", "--threads",
        "(default 1)", "--send-queue-max", "--turn-secret-file", "--turn-uris", "--turn-ttl",
        "(default 600)", "--allowed-origins", "--print-headers", "--trusted-proxies",
        "--ban-reports", "(default 3)", "--ban-seconds", "(default 3600)", "--msg-burst",
        "(default 40)", "--msg-rate", "(default 10)", "--next-interval-ms", "(default 1000)",
        "--send-queue-bytes", "(default 131072)", "--ping-interval", "(default 20)",
        "--idle-timeout", "(default 30)", "--handshake-timeout", "--max-conns-per-ip",
        "(default 20)", "--max-new-conns-per-ip", "--help"})
    EXPECT_NE(r.error().text.find(s), std::string::npos) << s;
}

TEST(config_binary, help_exits_0_on_stdout) {
  auto r = test::run_to_exit({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--interest-wait"), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "");
}

TEST(config_binary, bad_flag_exits_2_with_a_message) {
  auto r = test::run_to_exit({"--no-such-flag"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--no-such-flag: unknown flag"), std::string::npos) << r.err;
  r = test::run_to_exit({"--ice-servers", "{}"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--ice-servers"), std::string::npos) << r.err;
}

TEST(config_binary, port_in_use_exits_1) {
  test::server_process first;
  ASSERT_TRUE(first.started());
  auto r = test::run_to_exit({"--listen", "127.0.0.1:" + std::to_string(first.port())});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("event=listen_failed"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace novatalk::server
