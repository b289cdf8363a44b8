// Tests of server/resume_book: the bookkeeping of session resume, without a hub or sockets.
#include "server/resume_book.hpp"

#include <gtest/gtest.h>

namespace novatalk::server {
namespace {

using protocol::role;

// Both halves present when the pairing ends: both let go, and the book's own copy of the
// pairing id (which the caller passes, as the hub does) must not be read after it is erased
// (ASan caught exactly that in the hub's partner_left path).
TEST(resume_book_test, a_pairing_over_with_both_halves_present_lets_both_go) {
  resume_book book(1024);
  book.paired(1, {"p1", role::initiator});
  book.paired(2, {"p1", role::responder});
  book.pairing_over(book.half_of(1)->pairing, 100);
  EXPECT_EQ(book.half_of(1), nullptr);
  EXPECT_EQ(book.half_of(2), nullptr);
  EXPECT_FALSE(book.member({"p1", role::initiator}).has_value());
  EXPECT_TRUE(book.has_ended("p1"));
}

TEST(resume_book_test, an_away_half_keeps_its_place_when_the_pairing_ends) {
  resume_book book(1024);
  book.paired(1, {"p1", role::initiator});
  book.paired(2, {"p1", role::responder});
  book.detach(2, pairing::time_point{std::chrono::seconds(20)});
  book.pairing_over(book.half_of(1)->pairing, 100);
  EXPECT_EQ(book.half_of(1), nullptr);
  ASSERT_NE(book.half_of(2), nullptr);  // it comes back to hear what happened, or its grace ends
  EXPECT_EQ(book.member({"p1", role::responder}), client_id{2});
}

}  // namespace
}  // namespace novatalk::server
