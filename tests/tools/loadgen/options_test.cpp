// The load generator's flags: defaults, lists, and bad input refused with a message.
#include "tools/loadgen/options.hpp"

#include <gtest/gtest.h>

namespace novatalk::loadgen {
namespace {

TEST(options, defaults_per_mode) {
  auto setups = parse_options({"setups", "--port", "8080"});
  ASSERT_TRUE(setups.ok());
  EXPECT_EQ(setups.value().pairs, 50u);
  auto relay = parse_options({"relay", "--port", "8080"});
  ASSERT_TRUE(relay.ok());
  EXPECT_EQ(relay.value().pairs, 100u);
  EXPECT_EQ(relay.value().threads, 1u);
}

TEST(options, lists_of_ports_and_pids) {
  auto o = parse_options({"idle", "--port", "8080,8081", "--server-pid", "10,11,12", "--join"});
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o.value().ports, (std::vector<std::uint16_t>{8080, 8081}));
  EXPECT_EQ(o.value().server_pids.size(), 3u);
  EXPECT_TRUE(o.value().join);
}

TEST(options, bad_input_is_an_error) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {},
           {"flood", "--port", "1"},
           {"idle"},
           {"idle", "--port", "0"},
           {"idle", "--port", "70000"},
           {"idle", "--port", "1,,2"},
           {"idle", "--port", "1", "--conns"},
           {"idle", "--port", "1", "--conns", "-5"},
           {"relay", "--port", "1", "--rate", "fast"},
           {"relay", "--port", "1", "--format", "xml"},
           {"setups", "--port", "1", "--bogus", "1"},
       }) {
    auto o = parse_options(args);
    EXPECT_FALSE(o.ok()) << (args.empty() ? "(none)" : args.back());
    if (!o.ok()) {
      EXPECT_FALSE(o.error().empty());
    }
  }
}

}  // namespace
}  // namespace novatalk::loadgen
