// The 250 ms tick (see ticker.hpp). One chain of waits: it never runs concurrently with itself.
#include "server/ticker.hpp"

#include <chrono>
#include <utility>

#include "server/shared_state.hpp"

namespace novatalk::server {
namespace {
constexpr auto tick_interval = std::chrono::milliseconds(250);
}

ticker::ticker(net::any_io_executor executor, std::shared_ptr<shared_state> state)
    : timer_(std::move(executor)), state_(std::move(state)) {}

void ticker::run() {
  timer_.expires_after(tick_interval);
  timer_.async_wait(beast::bind_front_handler(&ticker::on_tick, shared_from_this()));
}

void ticker::on_tick(error_code ec) {
  if (ec) return;  // the io_context is stopping
  state_->tick();
  // From the last deadline, not from now: a slow tick does not push every later one back.
  timer_.expires_at(timer_.expiry() + tick_interval);
  timer_.async_wait(beast::bind_front_handler(&ticker::on_tick, shared_from_this()));
}

}  // namespace novatalk::server
