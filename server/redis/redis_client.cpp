// hiredis on Asio (see redis_client.hpp).
#include "server/redis/redis_client.hpp"

#include <hiredis/async.h>
#include <hiredis/hiredis.h>

#include <utility>

#include "server/log.hpp"

namespace novatalk::server::redis {
namespace {

constexpr auto max_backoff = std::chrono::milliseconds(2000);

client* owner(const redisAsyncContext* ac) { return static_cast<client*>(ac->data); }

reply convert(const redisReply* r) {
  reply out;
  switch (r->type) {
    case REDIS_REPLY_STRING:
      out.type = reply::kind::string;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_STATUS:
      out.type = reply::kind::status;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_ERROR:
      out.type = reply::kind::error;
      out.str.assign(r->str, r->len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = reply::kind::integer;
      out.integer = r->integer;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = reply::kind::array;
      out.elements.reserve(r->elements);
      for (std::size_t i = 0; i < r->elements; ++i) out.elements.push_back(convert(r->element[i]));
      break;
    default:
      out.type = reply::kind::nil;
  }
  return out;
}

// A command's reply: the handler was allocated when the command was sent and is freed here
// (hiredis calls this exactly once per command, with nullptr when the connection went away).
void on_reply(redisAsyncContext* ac, void* r, void* privdata) {
  std::unique_ptr<client::reply_handler> done(static_cast<client::reply_handler*>(privdata));
  // The client is being destroyed (server shutdown): whoever waited is going away too.
  if (ac->data && owner(ac)->destroying()) return;
  reply v = r ? convert(static_cast<redisReply*>(r)) : reply::failure("redis connection lost");
  if (*done) (*done)(std::move(v));
}

// Every message of every subscription comes here (privdata is not used: hiredis frees
// subscription callbacks without calling them, so they must own nothing).
void on_message(redisAsyncContext* ac, void* r, void*) {
  if (r && ac->data) owner(ac)->hook_message(r);
}

}  // namespace

client::client(net::any_io_executor executor, endpoint ep, std::string name, callbacks cb)
    : strand_(net::make_strand(executor)),
      retry_timer_(strand_),
      resolver_(strand_),
      endpoint_(std::move(ep)),
      name_(std::move(name)),
      cb_(std::move(cb)) {}

client::~client() {
  stopped_ = true;
  destroying_ = true;
  if (ctx_) {
    redisAsyncContext* c = ctx_;
    ctx_ = nullptr;
    redisAsyncFree(c);  // pending handlers are freed without running (see on_reply)
  }
}

void client::start() {
  net::post(strand_, [self = shared_from_this()] { self->resolve(); });
}

void client::stop() {
  net::post(strand_, [self = shared_from_this()] {
    self->stopped_ = true;
    self->retry_timer_.cancel();
    self->resolver_.cancel();
    if (self->ctx_) redisAsyncFree(self->ctx_);  // → hook_disconnected, hook_cleanup
    self->ctx_ = nullptr;
    self->up_ = false;
  });
}

void client::command(std::vector<std::string> args, reply_handler done) {
  net::post(strand_,
            [self = shared_from_this(), args = std::move(args), done = std::move(done)]() mutable {
              if (!self->up_) {
                if (done) done(reply::failure("redis unavailable"));
                return;
              }
              self->send_now(args, std::move(done));
            });
}

void client::subscribe(std::string channel, message_handler on_message_cb) {
  net::post(strand_, [self = shared_from_this(), channel = std::move(channel),
                      cb = std::move(on_message_cb)]() mutable {
    const bool is_new = self->subscriptions_.count(channel) == 0;
    self->subscriptions_[channel] = std::move(cb);
    if (is_new && self->up_) self->subscribe_now(channel);
  });
}

void client::reset(const std::string& why) {
  net::post(strand_, [self = shared_from_this(), why] {
    if (!self->ctx_ || self->stopped_) return;
    self->lost(why);
  });
}

// --- Connecting -----------------------------------------------------------------------------

void client::resolve() {
  if (stopped_) return;
  resolver_.async_resolve(
      endpoint_.host, std::to_string(endpoint_.port),
      net::bind_executor(
          strand_, [self = shared_from_this()](error_code ec, tcp::resolver::results_type results) {
            if (self->stopped_) return;
            if (ec || results.empty()) {
              self->lost("cannot resolve the redis host");
              return;
            }
            self->connect(results.begin()->endpoint().address().to_string());
          }));
}

void client::connect(const std::string& address) {
  ++generation_;
  want_read_ = want_write_ = reading_ = writing_ = false;
  // Non-blocking: the TCP connect completes when the socket becomes writable.
  ctx_ = redisAsyncConnect(address.c_str(), endpoint_.port);
  if (!ctx_ || ctx_->err) {
    const std::string why = ctx_ ? ctx_->errstr : "out of memory";
    if (ctx_) redisAsyncFree(ctx_);
    ctx_ = nullptr;
    lost(why);
    return;
  }
  ctx_->data = this;
  socket_ = std::make_unique<net::posix::stream_descriptor>(strand_, ctx_->c.fd);
  ctx_->ev.data = this;
  ctx_->ev.addRead = [](void* p) { static_cast<client*>(p)->hook_add_read(); };
  ctx_->ev.delRead = [](void* p) { static_cast<client*>(p)->hook_del_read(); };
  ctx_->ev.addWrite = [](void* p) { static_cast<client*>(p)->hook_add_write(); };
  ctx_->ev.delWrite = [](void* p) { static_cast<client*>(p)->hook_del_write(); };
  ctx_->ev.cleanup = [](void* p) { static_cast<client*>(p)->hook_cleanup(); };
  redisAsyncSetConnectCallback(ctx_, [](const redisAsyncContext* ac, int status) {
    if (ac->data) owner(ac)->hook_connected(status);
  });
  redisAsyncSetDisconnectCallback(ctx_, [](const redisAsyncContext* ac, int status) {
    if (ac->data) owner(ac)->hook_disconnected(status);
  });
  // hiredis only asks for writability once a command is queued; the connect needs it now.
  hook_add_write();
}

void client::hook_connected(int status) {
  if (destroying_) return;
  if (status != REDIS_OK) {
    // hiredis frees the context right after this callback.
    const std::string why = ctx_ && ctx_->errstr[0] ? ctx_->errstr : "connect failed";
    ctx_ = nullptr;
    lost(why);
    return;
  }
  if (endpoint_.db != 0) send_now({"SELECT", std::to_string(endpoint_.db)}, {});
  for (const auto& [channel, cb] : subscriptions_) subscribe_now(channel);
  backoff_ = std::chrono::milliseconds(100);
  up_ = true;
  was_up_ = true;
  log_line("redis_up").add("link", name_);
  if (cb_.on_up) cb_.on_up();
}

void client::hook_disconnected(int status) {
  if (destroying_) return;
  // The context is being freed by hiredis (by us in stop()/lost(), or after an error).
  ctx_ = nullptr;
  if (stopped_) return;
  lost(status == REDIS_OK ? "closed" : "connection lost");
}

// The connection is gone or could not be made: say so (once per outage), then try again.
void client::lost(const std::string& why) {
  if (ctx_) {
    redisAsyncContext* c = ctx_;
    ctx_ = nullptr;
    c->data = nullptr;  // no hooks into us from the free below, except ev.cleanup
    redisAsyncFree(c);
  }
  const bool was_up = up_.exchange(false);
  if (was_up || was_up_) {
    was_up_ = false;
    log_line("redis_down").add("link", name_).add("error", why);
    if (cb_.on_down) cb_.on_down(why);
  }
  retry_later();
}

void client::retry_later() {
  if (stopped_) return;
  retry_timer_.expires_after(backoff_);
  backoff_ =
      std::min(backoff_ * 2, std::chrono::duration_cast<std::chrono::milliseconds>(max_backoff));
  retry_timer_.async_wait(net::bind_executor(strand_, [self = shared_from_this()](error_code ec) {
    if (!ec && !self->stopped_ && !self->ctx_) self->resolve();
  }));
}

// --- hiredis's event hooks ------------------------------------------------------------------

void client::hook_add_read() {
  want_read_ = true;
  arm_read();
}

void client::hook_add_write() {
  want_write_ = true;
  arm_write();
}

void client::hook_cleanup() {
  // hiredis closes the fd itself: give it back rather than close it twice.
  if (socket_) {
    socket_->release();
    socket_.reset();
  }
  want_read_ = want_write_ = false;
  ++generation_;
}

void client::arm_read() {
  if (reading_ || !socket_) return;
  reading_ = true;
  socket_->async_wait(
      net::posix::stream_descriptor::wait_read,
      net::bind_executor(strand_, [self = shared_from_this(), gen = generation_](error_code ec) {
        if (gen != self->generation_) return;
        self->reading_ = false;
        if (ec || !self->ctx_) return;
        if (self->want_read_) redisAsyncHandleRead(self->ctx_);  // may free the context
        if (gen == self->generation_ && self->ctx_ && self->want_read_) self->arm_read();
      }));
}

void client::arm_write() {
  if (writing_ || !socket_) return;
  writing_ = true;
  socket_->async_wait(
      net::posix::stream_descriptor::wait_write,
      net::bind_executor(strand_, [self = shared_from_this(), gen = generation_](error_code ec) {
        if (gen != self->generation_) return;
        self->writing_ = false;
        if (ec || !self->ctx_) return;
        if (self->want_write_) redisAsyncHandleWrite(self->ctx_);  // may free the context
        if (gen == self->generation_ && self->ctx_ && self->want_write_) self->arm_write();
      }));
}

// --- Commands -------------------------------------------------------------------------------

void client::send_now(const std::vector<std::string>& args, reply_handler done) {
  std::vector<const char*> argv;
  std::vector<std::size_t> lens;
  argv.reserve(args.size());
  lens.reserve(args.size());
  for (const auto& a : args) {
    argv.push_back(a.data());
    lens.push_back(a.size());
  }
  auto* h = new reply_handler(std::move(done));
  if (!ctx_ || redisAsyncCommandArgv(ctx_, on_reply, h, static_cast<int>(argv.size()), argv.data(),
                                     lens.data()) != REDIS_OK) {
    std::unique_ptr<reply_handler> owned(h);
    if (*owned) (*owned)(reply::failure("redis unavailable"));
  }
}

void client::subscribe_now(const std::string& channel) {
  const char* argv[] = {"SUBSCRIBE", channel.data()};
  const std::size_t lens[] = {9, channel.size()};
  if (ctx_) redisAsyncCommandArgv(ctx_, on_message, nullptr, 2, argv, lens);
}

void client::hook_message(void* hiredis_reply) {
  const auto* r = static_cast<const redisReply*>(hiredis_reply);
  // ["message", channel, payload]; the ["subscribe", channel, count] confirmations are skipped.
  if (r->type != REDIS_REPLY_ARRAY || r->elements != 3) return;
  const redisReply* kind = r->element[0];
  if (kind->type != REDIS_REPLY_STRING || std::string(kind->str, kind->len) != "message") return;
  const std::string channel(r->element[1]->str, r->element[1]->len);
  const auto it = subscriptions_.find(channel);
  if (it != subscriptions_.end() && it->second)
    it->second(std::string(r->element[2]->str, r->element[2]->len));
}

}  // namespace novatalk::server::redis
