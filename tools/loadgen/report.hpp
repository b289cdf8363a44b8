// A run's results: one JSON object, printed as one line on stdout and/or as a table on stderr.
#pragma once

#include <nlohmann/json.hpp>

#include "tools/loadgen/histogram.hpp"
#include "tools/loadgen/options.hpp"

namespace novatalk::loadgen {

struct run_report {
  nlohmann::json result = nlohmann::json::object();
  bool ok = false;  // every count reached and no error: the exit code says it too
};

// p50, p90, p99, p99.9 and max of a histogram of nanoseconds, in microseconds.
nlohmann::json percentiles_us(const histogram& h);

void print_report(const run_report& r, output_format format);

}  // namespace novatalk::loadgen
