// Static file lookup (see static_files.hpp). Traversal is refused twice: by the segments of the
// decoded target, and by checking the canonical path still lies under the root (symlinks).
#include "server/static_files.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

#include "server/http_tokens.hpp"

namespace novatalk::server {
namespace fs = std::filesystem;
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes the path part of a target (the query is dropped). False on bad escapes or NUL.
bool decode_path(std::string_view target, std::string& out) {
  target = target.substr(0, target.find_first_of("?#"));
  out.clear();
  for (std::size_t i = 0; i < target.size(); ++i) {
    char c = target[i];
    if (c == '%') {
      if (i + 2 >= target.size()) return false;
      const int hi = hex_value(target[i + 1]), lo = hex_value(target[i + 2]);
      if (hi < 0 || lo < 0) return false;
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    if (c == '\0' || c == '\\') return false;
    out += c;
  }
  return true;
}

bool has_dot_segment(std::string_view path) {
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto end = std::min(path.find('/', start), path.size());
    const auto seg = path.substr(start, end - start);
    if (seg == ".." || seg == ".") return true;
    start = end + 1;
  }
  return false;
}

// The q-value (0..1000) an Accept-Encoding header gives `coding`; -1 when neither it nor `*`
// is named. A malformed q counts as 0: when in doubt, send what everyone reads.
int q_value(std::string_view header, std::string_view coding) {
  int named = -1, star = -1;
  std::size_t start = 0;
  while (start < header.size()) {
    const auto end = std::min(header.find(',', start), header.size());
    auto item = header.substr(start, end - start);
    start = end + 1;
    const auto semi = item.find(';');
    const auto token = trim_ows(item.substr(0, semi));
    int q = 1000;
    if (semi != std::string_view::npos) {
      auto param = trim_ows(item.substr(semi + 1));
      if (param.size() < 3 || !iequals(param.substr(0, 2), "q=")) {
        q = 0;
      } else {
        param = param.substr(2);  // 0, 0.5, 1, 1.000
        q = 0;
        if (param[0] == '1') {
          q = 1000;
        } else if (param[0] == '0') {
          int scale = 100;
          for (std::size_t i = 2; i < param.size() && i < 5 && param[1] == '.'; ++i, scale /= 10) {
            if (param[i] < '0' || param[i] > '9') break;
            q += (param[i] - '0') * scale;
          }
        }
      }
    }
    if (iequals(token, coding)) named = q;
    if (token == "*") star = q;
  }
  return named >= 0 ? named : star;
}

}  // namespace

std::string_view static_files::choose_encoding(std::string_view accept_encoding, bool has_br,
                                               bool has_gzip) {
  const int br = has_br ? q_value(accept_encoding, "br") : -1;
  const int gzip = has_gzip ? q_value(accept_encoding, "gzip") : -1;
  if (br > 0 && br >= gzip) return "br";
  if (gzip > 0) return "gzip";
  return {};
}

static_files::static_files(std::string root) {
  if (root.empty()) return;
  std::error_code ec;
  const auto canonical = fs::canonical(root, ec);
  if (!ec) root_ = canonical.string();
}

result<static_file, static_error> static_files::lookup(std::string_view target,
                                                       std::string_view accept_encoding) const {
  std::string path;
  if (target.empty() || target.front() != '/' || !decode_path(target, path) ||
      has_dot_segment(path))
    return fail(static_error::bad_target);
  if (root_.empty()) return fail(static_error::not_found);
  // The CDN's header rules (docs/cdn.md) ship in the site but are no page of it.
  if (path == "/_headers") return fail(static_error::not_found);
  if (path.back() == '/') path += "index.html";

  std::error_code ec;
  auto full = fs::canonical(fs::path(root_) / fs::path(path).relative_path(), ec);
  if (ec) return fail(static_error::not_found);
  if (fs::is_directory(full, ec)) full = fs::canonical(full / "index.html", ec);
  if (ec || !fs::is_regular_file(full, ec)) return fail(static_error::not_found);
  // A symlink inside the site must not lead out of it.
  const auto rel = full.lexically_relative(root_);
  if (rel.empty() || *rel.begin() == "..") return fail(static_error::not_found);

  static_file f;
  f.path = full.string();
  f.name = full.filename().string();
  f.mime_type = std::string(mime_type(f.path));
  // Siblings obey the same rule: regular files inside the site.
  const auto sibling = [&](const char* suffix) {
    std::error_code sec;
    const auto p = fs::canonical(f.path + suffix, sec);
    if (sec || !fs::is_regular_file(p, sec)) return std::string();
    const auto r = p.lexically_relative(root_);
    return r.empty() || *r.begin() == ".." ? std::string() : p.string();
  };
  const auto br = sibling(".br"), gz = sibling(".gz");
  f.has_variants = !br.empty() || !gz.empty();
  f.content_encoding = std::string(choose_encoding(accept_encoding, !br.empty(), !gz.empty()));
  if (f.content_encoding == "br") f.path = br;
  if (f.content_encoding == "gzip") f.path = gz;
  return f;
}

std::string_view static_files::mime_type(std::string_view path) {
  const auto dot = path.rfind('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  std::string ext(path.substr(dot + 1));
  for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  struct entry {
    const char* ext;
    const char* type;
  };
  static constexpr entry types[] = {
      {"html", "text/html; charset=utf-8"},
      {"htm", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"json", "application/json"},
      {"map", "application/json"},
      {"wasm", "application/wasm"},
      {"webmanifest", "application/manifest+json"},
      {"txt", "text/plain; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"ico", "image/vnd.microsoft.icon"},
      {"woff", "font/woff"},
      {"woff2", "font/woff2"},
      {"ttf", "font/ttf"},
      {"data", "application/octet-stream"},
  };
  for (const auto& e : types)
    if (ext == e.ext) return e.type;
  return "application/octet-stream";
}

}  // namespace novatalk::server
