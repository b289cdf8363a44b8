// The site's headers (site_headers) written out for a CDN or a web server in front of out/www:
// `novatalk-server --print-headers netlify|nginx`. Beast-free; docs/cdn.md shows the output.
#pragma once

#include <string>
#include <vector>

#include "server/site_headers.hpp"

namespace novatalk::server {

// Netlify / Cloudflare Pages `_headers`: one block per file, its exact path (plus "/dir/" and
// "/dir" for a directory's index.html). Exact paths only, because both services merge the
// headers of every rule that matches a request (two CSPs would be combined into a broken one).
// `files`: the site's files relative to its root ("index.html", "blog/index.html").
std::string netlify_headers(const site_policy& policy, const std::vector<std::string>& files);

// An nginx snippet to include in the server block whose root is the site: one location per kind
// of file, each with the full set (add_header in a location drops the inherited ones).
std::string nginx_snippet(const site_policy& policy);

// The files of `www_dir` as netlify_headers wants them, sorted; precompressed siblings and the
// generated `_headers` itself left out.
std::vector<std::string> site_files(const std::string& www_dir);

}  // namespace novatalk::server
