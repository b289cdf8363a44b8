// Each load generator mode, tiny, against the real server on a free port: the JSON line
// parses, the counts are reached and nothing failed. Never a timing: the machine is shared.
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/server/server_process.hpp"

namespace novatalk::loadgen {
namespace {

using server::test::server_process;
using json = nlohmann::json;

struct loadgen_run {
  int exit_code = -1;
  json report;  // discarded (is_discarded()) when stdout held no JSON line
};

// Every limit off, as tools/dev bench runs it: one address, rates no person sends.
server_process unlimited_server() {
  return server_process({"--max-conns-per-ip", "0", "--max-new-conns-per-ip", "0", "--msg-burst",
                         "0", "--msg-rate", "0", "--next-interval-ms", "0"});
}

loadgen_run run_loadgen(const server_process& server, const std::string& args) {
  // --timeout bounds a run that would hang; the test's own timeout is ctest's.
  const std::string cmd = std::string(NOVATALK_LOADGEN_PATH) + " " + args + " --port " +
                          std::to_string(server.port()) + " --format json --timeout 60";
  loadgen_run r;
  FILE* out = popen(cmd.c_str(), "r");
  if (!out) return r;
  std::string text;
  char chunk[4096];
  for (std::size_t n; (n = std::fread(chunk, 1, sizeof chunk, out)) > 0;) text.append(chunk, n);
  const int status = pclose(out);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.report = json::parse(text, nullptr, false);
  return r;
}

// Runs the load generator against a fresh unlimited server; the report when it parsed and the
// run exited 0 with no error, else a failure and a null report.
json clean_run(const std::string& args) {
  auto server = unlimited_server();
  if (!server.started()) {
    ADD_FAILURE() << "server did not start";
    return json();
  }
  std::string with_pid = args;
  with_pid.replace(with_pid.find("$PID"), 4, std::to_string(server.pid()));
  auto r = run_loadgen(server, with_pid);
  EXPECT_FALSE(r.report.is_discarded()) << args;
  EXPECT_EQ(r.exit_code, 0) << args << ": " << r.report.dump();
  if (r.report.is_discarded() || r.exit_code != 0) return json();
  EXPECT_EQ(r.report["errors"], 0);
  return r.report;
}

TEST(loadgen_smoke, idle_connections_are_held) {
  auto r = clean_run("idle --conns 50 --hold 0 --server-pid $PID");
  ASSERT_FALSE(r.is_null());
  EXPECT_EQ(r["mode"], "idle");
  EXPECT_EQ(r["held"], 50);
  EXPECT_TRUE(r["server"].contains("rss_per_conn_bytes"));
}

TEST(loadgen_smoke, idle_joined_connections_are_all_matched) {
  auto r = clean_run("idle --conns 50 --hold 0 --join --server-pid $PID");
  ASSERT_FALSE(r.is_null());
  EXPECT_EQ(r["held"], 50);
  EXPECT_EQ(r["matched"], 50);
}

TEST(loadgen_smoke, call_setups_complete_without_errors) {
  auto r = clean_run("setups --pairs 2 --setups 20 --duration 30 --server-pid $PID");
  ASSERT_FALSE(r.is_null());
  EXPECT_GE(r["setups"].get<int>(), 20);
  EXPECT_TRUE(r["server"].contains("setups_per_cpu_second"));  // read; its value is not checked
  EXPECT_GE(r["join_matched_us"]["count"].get<int>(), 20);
}

TEST(loadgen_smoke, relay_delivers_every_message) {
  auto r = clean_run("relay --pairs 2 --rate 100 --duration 1 --warmup 0 --server-pid $PID");
  ASSERT_FALSE(r.is_null());
  EXPECT_EQ(r["sent"], 100);
  EXPECT_EQ(r["received"], 100);
  EXPECT_EQ(r["lost"], 0);
  EXPECT_EQ(r["latency_us"]["count"], 100);
}

}  // namespace
}  // namespace novatalk::loadgen
