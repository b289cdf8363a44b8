// The load generator's command line: a mode and its sizes, each with a default (README of
// docs/performance.md lists them). Bad input is an error value naming what was wrong.
#pragma once

#include <sys/types.h>
#include <cstdint>
#include <string>
#include <vector>

#include "core/util/result.hpp"

namespace novatalk::loadgen {

enum class mode { idle, setups, relay };
enum class output_format { both, json, table };

struct options {
  mode run_mode = mode::idle;
  std::string host = "127.0.0.1";    // an IPv4 literal (loopback benchmarks)
  std::vector<std::uint16_t> ports;  // required; connection i goes to ports[i % size]
  std::string path = "/ws";
  unsigned threads = 1;            // io_contexts, one thread each, many connections per thread
  std::vector<pid_t> server_pids;  // summed (several nodes and their Redis); none: no RSS / CPU
  output_format format = output_format::both;
  double timeout_s = 120;  // the whole run gives up after this (connecting, matching, draining)

  // idle
  unsigned conns = 1000;
  bool join = false;      // join after welcome (pairs form: an idle call) instead of nothing
  double hold_s = 2;      // held this long before the memory is read
  unsigned sources = 0;   // source addresses 127.0.0.1..; 0: one per 20,000 connections
  unsigned window = 256;  // connections being opened at once

  // setups and relay
  unsigned pairs = 0;  // 0: the mode's default (setups 50, relay 100)
  double duration_s = 10;
  unsigned setups = 0;  // setups: stop once this many are done (0: run the whole duration)
  double rate = 1000;   // relay: messages per second, all pairs together
  double warmup_s = 1;  // relay: sent and received, but not measured
};

result<options, std::string> parse_options(const std::vector<std::string>& args);
const char* usage();

}  // namespace novatalk::loadgen
