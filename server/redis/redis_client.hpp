// One hiredis async connection driven by the server's Asio event loop: hiredis says when it wants
// to read or write, we wait for the socket to be ready (async_wait on its descriptor) and let it
// proceed. No thread per request, no blocking call on an event-loop thread (the host name is
// resolved with Asio's resolver before hiredis connects to the address).
//
// Everything runs on one strand. When the connection is lost, pending commands complete with an
// error reply, the client says so (on_down), and reconnects by itself with a capped backoff;
// subscriptions are renewed on every new connection. Commands issued while down fail at once.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "server/beast.hpp"
#include "server/redis/redis_reply.hpp"
#include "server/redis/redis_url.hpp"

struct redisAsyncContext;

namespace novatalk::server::redis {

class client : public std::enable_shared_from_this<client> {
 public:
  using reply_handler = std::function<void(reply)>;
  using message_handler = std::function<void(std::string payload)>;
  struct callbacks {
    std::function<void()> on_up;                      // connected (again), subscriptions renewed
    std::function<void(const std::string&)> on_down;  // lost or failed to connect; retrying
  };

  // `name` tells the links of one node apart in the log ("commands", "events").
  client(net::any_io_executor executor, endpoint ep, std::string name, callbacks cb);
  ~client();
  client(const client&) = delete;
  client& operator=(const client&) = delete;

  void start();
  void stop();  // pending commands fail; no more reconnects
  bool up() const { return up_.load(); }
  bool destroying() const { return destroying_; }

  // Any thread. `done` runs on the strand with the reply (an error reply when down or lost).
  void command(std::vector<std::string> args, reply_handler done = {});
  // Any thread. Messages published on `channel` from now on (and after every reconnect).
  void subscribe(std::string channel, message_handler on_message);
  // Any thread: drop the connection and reconnect (a watchdog that saw no reply in time).
  void reset(const std::string& why);

  // hiredis's hooks (C callbacks); not for other callers.
  void hook_add_read();
  void hook_del_read() { want_read_ = false; }
  void hook_add_write();
  void hook_del_write() { want_write_ = false; }
  void hook_cleanup();
  void hook_connected(int status);
  void hook_disconnected(int status);
  void hook_message(void* hiredis_reply);

 private:
  void resolve();
  void connect(const std::string& address);
  void arm_read();
  void arm_write();
  void send_now(const std::vector<std::string>& args, reply_handler done);
  void subscribe_now(const std::string& channel);
  void lost(const std::string& why);
  void retry_later();

  net::strand<net::any_io_executor> strand_;
  net::steady_timer retry_timer_;
  tcp::resolver resolver_;
  endpoint endpoint_;
  std::string name_;
  callbacks cb_;

  redisAsyncContext* ctx_ = nullptr;
  std::unique_ptr<net::posix::stream_descriptor> socket_;  // borrows hiredis's fd
  std::uint64_t generation_ = 0;  // one per connection: stale waits see a different number
  bool want_read_ = false, want_write_ = false;
  bool reading_ = false, writing_ = false;
  bool stopped_ = false;
  bool destroying_ = false;
  bool was_up_ = false;  // say "down" once per outage, not once per failed attempt
  std::chrono::milliseconds backoff_{100};
  std::atomic<bool> up_{false};
  std::map<std::string, message_handler> subscriptions_;
};

}  // namespace novatalk::server::redis
