// Tests of server/address_key: HMAC-SHA256 against RFC 4231, and the day keys: stable within a
// UTC day, a new random key at midnight with yesterday's still offered, old ones forgotten, and
// with shared keys (--redis) nothing made up locally. The clock and the key source are injected.
#include "server/address_key.hpp"

#include <gtest/gtest.h>

namespace novatalk::server {
namespace {

constexpr std::int64_t day = address_keys::seconds_per_day;
constexpr std::int64_t monday = 20000 * day;  // some UTC midnight

// A key source that says which key it made.
struct counting_keys {
  int made = 0;
  address_keys::random_source source() {
    return [this] { return "day-key-" + std::to_string(++made); };
  }
};

TEST(address_key, hmac_sha256_matches_rfc_4231) {
  // RFC 4231 test case 1 (key = 20 x 0x0b) and 2 (key "Jefe").
  EXPECT_EQ(hmac_sha256_hex(std::string(20, '\x0b'), "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(hmac_sha256_hex("Jefe", "what do ya want for nothing?", 16),
            "5bdcc146bf60754e6a042426089575c7");
}

TEST(address_key, random_day_keys_are_64_hex_digits_and_differ) {
  const auto a = random_day_key();
  const auto b = random_day_key();
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
}

TEST(address_key, an_address_keeps_its_key_through_the_day_and_never_shows_the_ip) {
  counting_keys made;
  address_keys keys(made.source());
  const auto morning = keys.of("203.0.113.7", monday + 60);
  const auto evening = keys.of("203.0.113.7", monday + day - 1);
  EXPECT_EQ(morning, evening);
  EXPECT_EQ(morning.current, hmac_sha256_hex("day-key-1", "203.0.113.7", 16));
  EXPECT_EQ(morning.current.size(), 32u);
  EXPECT_TRUE(morning.previous.empty());  // no key was made for the day before
  EXPECT_EQ(morning.current.find("203"), std::string::npos);
  EXPECT_NE(keys.of("203.0.113.8", monday).current, morning.current);
  EXPECT_EQ(made.made, 1);
}

TEST(address_key, at_midnight_a_new_key_starts_and_yesterdays_is_still_offered) {
  counting_keys made;
  address_keys keys(made.source());
  const auto monday_keys = keys.of("2001:db8::1", monday + 100);
  const auto tuesday_keys = keys.of("2001:db8::1", monday + day);
  EXPECT_NE(tuesday_keys.current, monday_keys.current);
  EXPECT_EQ(tuesday_keys.current, hmac_sha256_hex("day-key-2", "2001:db8::1", 16));
  EXPECT_EQ(tuesday_keys.previous, monday_keys.current);
  // Wednesday: Monday's key is gone for good.
  const auto wednesday_keys = keys.of("2001:db8::1", monday + 2 * day);
  EXPECT_EQ(wednesday_keys.previous, tuesday_keys.current);
  EXPECT_FALSE(keys.knows_day(address_keys::day_of(monday)));
  EXPECT_EQ(made.made, 3);
}

TEST(address_key, shared_keys_come_only_from_outside) {
  counting_keys made;
  address_keys keys(made.source());
  keys.use_shared_keys();
  EXPECT_FALSE(keys.of("198.51.100.1", monday).known());  // no key for today yet
  keys.set_day_key(address_keys::day_of(monday), "shared-today");
  keys.set_day_key(address_keys::day_of(monday) - 1, "shared-yesterday");
  const auto a = keys.of("198.51.100.1", monday + 5);
  EXPECT_EQ(a.current, hmac_sha256_hex("shared-today", "198.51.100.1", 16));
  EXPECT_EQ(a.previous, hmac_sha256_hex("shared-yesterday", "198.51.100.1", 16));
  EXPECT_EQ(made.made, 0);
  // Two nodes with the same shared keys compute the same keys.
  address_keys other;
  other.use_shared_keys();
  other.set_day_key(address_keys::day_of(monday), "shared-today");
  EXPECT_EQ(other.of("198.51.100.1", monday + 70).current, a.current);
}

TEST(address_key, no_ip_no_keys) {
  address_keys keys;
  EXPECT_FALSE(keys.of("", monday).known());
}

TEST(address_key, days_are_utc_days) {
  EXPECT_EQ(address_keys::day_of(0), 0);
  EXPECT_EQ(address_keys::day_of(day - 1), 0);
  EXPECT_EQ(address_keys::day_of(day), 1);
  EXPECT_EQ(address_keys::day_of(-1), -1);
}

}  // namespace
}  // namespace novatalk::server
