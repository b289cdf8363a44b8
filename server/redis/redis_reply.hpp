// A Redis reply as a plain value (copied out of hiredis's redisReply before hiredis frees it),
// so handlers run without touching hiredis memory. Beast- and hiredis-free.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace novatalk::server::redis {

struct reply {
  enum class kind { nil, string, status, integer, array, error };
  kind type = kind::nil;
  std::string str;  // string, status and error (for error: also our own "connection lost")
  std::int64_t integer = 0;
  std::vector<reply> elements;

  bool ok() const { return type != kind::error; }
  static reply failure(std::string why) {
    reply r;
    r.type = kind::error;
    r.str = std::move(why);
    return r;
  }
};

}  // namespace novatalk::server::redis
