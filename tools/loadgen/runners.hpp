// The three scenarios. Each runs to completion on the worker threads and returns its report.
#pragma once

#include "tools/loadgen/options.hpp"
#include "tools/loadgen/report.hpp"

namespace novatalk::loadgen {

run_report run_idle(const options& o);
run_report run_setups(const options& o);
run_report run_relay(const options& o);

// Runs one scenario object, built on the stack so that its fleet's threads stop with it.
template <class Scenario>
run_report run_scenario(const options& o) {
  Scenario s(o);
  return s.run();
}

}  // namespace novatalk::loadgen
