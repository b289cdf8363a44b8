// Resume tokens (see resume_token.hpp). HMAC-SHA256 from OpenSSL, compared in constant time.
#include "server/resume_token.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <cerrno>
#include <cstring>

#include "server/turn_credentials.hpp"

namespace novatalk::server {
namespace {

constexpr char b64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url(std::string_view in) {
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : in) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += b64url[(acc >> bits) & 63];
    }
  }
  if (bits > 0) out += b64url[(acc << (6 - bits)) & 63];
  return out;
}

bool unbase64url(std::string_view in, std::string& out) {
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const char* at = std::strchr(b64url, c);
    if (c == '\0' || at == nullptr) return false;
    acc = (acc << 6) | static_cast<std::uint32_t>(at - b64url);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  // Canonical only: leftover bits must be zero, so each token has exactly one spelling.
  return bits < 6 && (acc & ((1u << bits) - 1)) == 0;
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  std::size_t at = 0;
  for (;;) {
    const auto nl = s.find('\n', at);
    out.push_back(s.substr(at, nl == std::string::npos ? nl : nl - at));
    if (nl == std::string::npos) return out;
    at = nl + 1;
  }
}

bool plain_id(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-')) return false;
  return true;
}

// Version 1: "1\n<pairing>\n<i|r>\n<expiry>\n<nonce>\n<mode>[\n<interest>...]".
std::string claim_text(const resume_claim& c) {
  std::string s = "1\n" + c.pairing + "\n" + (c.side == protocol::role::initiator ? "i" : "r") +
                  "\n" + std::to_string(c.expires_at) + "\n" + c.nonce + "\n" +
                  protocol::to_string(c.mode);
  for (const auto& tag : c.interests) s += "\n" + tag;
  return s;
}

}  // namespace

const char* to_string(token_error e) {
  switch (e) {
    case token_error::malformed: return "malformed";
    case token_error::bad_signature: return "bad_signature";
    case token_error::expired: return "expired";
  }
  return "malformed";
}

std::string sign_resume_token(std::string_view key, const resume_claim& claim) {
  const std::string body = base64url(claim_text(claim));
  return body + "." + base64url(hmac_sha256(key, body));
}

result<resume_claim, token_error> verify_resume_token(std::string_view key, std::string_view token,
                                                      std::int64_t now_unix) {
  const auto dot = token.rfind('.');
  if (dot == std::string_view::npos) return fail(token_error::malformed);
  const std::string_view body = token.substr(0, dot);
  std::string mac;
  if (!unbase64url(token.substr(dot + 1), mac)) return fail(token_error::malformed);
  const std::string expected = hmac_sha256(key, body);
  if (mac.size() != expected.size() ||
      CRYPTO_memcmp(mac.data(), expected.data(), expected.size()) != 0)
    return fail(token_error::bad_signature);
  std::string text;
  if (!unbase64url(body, text)) return fail(token_error::malformed);
  // Signed by us, so well formed unless the key leaked or the format changed: checked anyway.
  const auto f = split_lines(text);
  if (f.size() < 6 || f[0] != "1" || !plain_id(f[1]) || (f[2] != "i" && f[2] != "r") ||
      !plain_id(f[4]) || (f[5] != "video" && f[5] != "text"))
    return fail(token_error::malformed);
  resume_claim c;
  c.pairing = f[1];
  c.side = f[2] == "i" ? protocol::role::initiator : protocol::role::responder;
  char* end = nullptr;
  errno = 0;
  c.expires_at = std::strtoll(f[3].c_str(), &end, 10);
  if (f[3].empty() || errno != 0 || *end != '\0') return fail(token_error::malformed);
  c.nonce = f[4];
  c.mode = f[5] == "text" ? protocol::chat_mode::text : protocol::chat_mode::video;
  c.interests.assign(f.begin() + 6, f.end());
  if (now_unix >= c.expires_at) return fail(token_error::expired);
  return c;
}

std::string random_resume_key() {
  std::string key(resume_key_bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(key.data()), static_cast<int>(key.size())) != 1)
    return {};
  return key;
}

result<std::string, std::string> load_or_create_resume_key(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    // O_EXCL: two processes starting at once never both write a key; the loser reads it.
    const std::string key = random_resume_key();
    if (key.empty()) return fail(std::string("no random bytes for a new key"));
    fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
      const bool ok = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size());
      ::close(fd);
      if (!ok) return fail(std::string("cannot write the new key file"));
      return key;
    }
    if (errno != EEXIST) return fail(std::string("cannot create the key file: ") + std::strerror(errno));
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  }
  if (fd < 0) return fail(std::string("cannot read the key file: ") + std::strerror(errno));
  std::string key;
  char buf[256];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0 && key.size() < 4096)
    key.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  if (n < 0) return fail(std::string("cannot read the key file"));
  if (key.size() < resume_key_bytes) return fail(std::string("the key file holds under 32 bytes"));
  return key;
}

}  // namespace novatalk::server
