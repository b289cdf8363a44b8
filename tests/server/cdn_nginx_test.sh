#!/usr/bin/env bash
# The nginx snippet of `novatalk-server --print-headers nginx` (server/cdn_headers) under a real
# nginx: it must load, and nginx must send the same site headers as the dev server for every
# kind of file, compressed and not. Usage: cdn_nginx_test.sh NOVATALK_SERVER NGINX
set -euo pipefail
server_bin="$1"
nginx_bin="$2"
work="$(mktemp -d /tmp/novatalk-nginx-test-XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

site="$work/www"
mkdir -p "$site/blog" "$site/fonts"
printf '<!doctype html><title>NovaTalk</title>' > "$site/index.html"
printf 'blog' > "$site/blog/index.html"
printf 'faq' > "$site/faq.html"
printf 'wasm-bytes' > "$site/novatalk.3f2a9c1b.wasm"
gzip -k "$site/novatalk.3f2a9c1b.wasm"
printf 'font' > "$site/fonts/novatalk-sans.0123abcd.ttf"
printf 'embed' > "$site/embed.js"
printf 'body{}' > "$site/style.css"
printf '{"signal":"/ws","allowedParents":["https://partner.example","http://127.0.0.1:9"]}' \
  > "$site/config.json"

"$server_bin" --print-headers nginx --www "$site" > "$work/snippet.conf" 2>/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
nginx_port="$(free_port)"
cat > "$work/nginx.conf" <<CONF
daemon off;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events {}
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path $work; proxy_temp_path $work; fastcgi_temp_path $work;
  uwsgi_temp_path $work; scgi_temp_path $work;
  server {
    listen 127.0.0.1:$nginx_port;
    root $site;
    include $work/snippet.conf;
  }
}
CONF
"$nginx_bin" -t -q -c "$work/nginx.conf" -p "$work"
"$nginx_bin" -c "$work/nginx.conf" -p "$work" &
pids+=($!)

"$server_bin" --listen 127.0.0.1:0 --www "$site" 2> "$work/server.log" &
pids+=($!)

# Both up: the server logs its port, nginx answers.
for _ in $(seq 1 100); do
  dev_port="$(sed -n 's/.*event=listening port=\([0-9]*\).*/\1/p' "$work/server.log")"
  if [ -n "$dev_port" ] && curl -s -o /dev/null "http://127.0.0.1:$nginx_port/"; then break; fi
  sleep 0.1
done
[ -n "$dev_port" ] || { echo "server did not start"; cat "$work/server.log"; exit 1; }

# The headers the site module decides, as "name: value" lines in a fixed order.
site_headers() {
  curl -s -D - -o /dev/null -H "Accept-Encoding: $2" "$1" | tr -d '\r' |
    grep -iE '^(cache-control|x-content-type-options|referrer-policy|cross-origin-resource-policy|content-security-policy|content-security-policy-report-only|permissions-policy|content-encoding|vary):' |
    sed 's/^\([^:]*\)/\L\1/' | sort
}

failures=0
for path in / /index.html /blog/ /faq.html /novatalk.3f2a9c1b.wasm /fonts/novatalk-sans.0123abcd.ttf \
            /embed.js /config.json /style.css; do
  for accept in "gzip" "identity"; do
    dev="$(site_headers "http://127.0.0.1:$dev_port$path" "$accept")"
    ngx="$(site_headers "http://127.0.0.1:$nginx_port$path" "$accept")"
    if [ -z "$dev" ] || [ "$dev" != "$ngx" ]; then
      echo "FAIL $path (Accept-Encoding: $accept)"
      diff <(echo "$dev") <(echo "$ngx") | sed 's/^</  dev server:/; s/^>/  nginx:     /' || true
      failures=$((failures + 1))
    else
      echo "ok   $path (Accept-Encoding: $accept): $(echo "$dev" | wc -l) headers"
    fi
  done
done
# The wasm: application/wasm (streaming compilation) from both.
for port in "$dev_port" "$nginx_port"; do
  type="$(curl -s -D - -o /dev/null "http://127.0.0.1:$port/novatalk.3f2a9c1b.wasm" | tr -d '\r' |
    sed -n 's/^[Cc]ontent-[Tt]ype: //p')"
  [ "$type" = "application/wasm" ] || { echo "FAIL wasm type on port $port: $type"; failures=$((failures + 1)); }
done
[ "$failures" -eq 0 ] || { echo "$failures mismatches"; exit 1; }
echo "nginx sends the dev server's headers"
