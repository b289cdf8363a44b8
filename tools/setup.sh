#!/usr/bin/env bash
# Installs everything NovaTalk needs on Debian 12, idempotently: Debian packages, Dear ImGui's
# sources (from Debian's source package, into the ignored .deps/), and the npm packages of the
# browser tests and of the benchmarks' reference server. Called by `tools/dev setup|build|test|up`;
# safe to run again.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deps="$root/.deps"
mkdir -p "$deps"

log() { printf '[setup] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages: compiler and build tools, the server's libraries, Emscripten, the UI font and
# the tool that subsets it at build time (cmake/font.cmake), brotli for the site's precompressed
# .br files (cmake/www_assets.cmake), the browser for end-to-end tests, coturn (TURN relay:
# `tools/dev up` and the relay tests start it as a plain process), nginx-light with curl (a
# test serves the generated nginx snippet, docs/cdn.md), and hiredis + redis-server (the shared
# pool of --redis; its tests start redis-server likewise), and clang with libclang-rt-14-dev
# (libFuzzer and clang's sanitizer runtimes, for `tools/dev fuzz`, docs/fuzzing.md).
# Checked one by one so a machine that has them all does not touch apt.
packages=(build-essential cmake ninja-build pkg-config git ca-certificates xz-utils
  libboost1.81-dev libssl-dev nlohmann-json3-dev googletest
  emscripten fonts-dejavu-core fonttools brotli chromium nodejs dpkg-dev coturn nginx-light curl
  python3 libhiredis-dev redis-server clang libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Dear ImGui 1.86: Debian's binary package lacks the core .cpp files, so take the source package.
imgui_dir="$deps/imgui"
if [ ! -f "$imgui_dir/imgui.cpp" ]; then
  src_list=/etc/apt/sources.list.d/novatalk-deb-src.sources
  if ! grep -rqs "deb-src" /etc/apt/sources.list /etc/apt/sources.list.d/; then
    # The same mirror apt already uses for bookworm main (deb822 `URIs:` or one-line `deb` form).
    mirror=$( { sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/*.sources 2>/dev/null
                sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^ ]*\)[[:space:]]\+bookworm[[:space:]].*/\2/p' \
                  /etc/apt/sources.list 2>/dev/null; } | grep -m1 'debian$' || true)
    mirror=${mirror:-http://deb.debian.org/debian}
    log "adding a deb-src entry for bookworm main ($mirror)"
    printf 'Types: deb-src\nURIs: %s\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      "$mirror" | as_root tee "$src_list" >/dev/null
    as_root apt-get update -qq
  fi
  log "fetching Dear ImGui's source package"
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get source --download-only -qq imgui >/dev/null)
  tarball=$(ls "$tmp"/imgui_*.orig.tar.* | head -n1)
  rm -rf "$imgui_dir" && mkdir -p "$imgui_dir"
  tar -xf "$tarball" -C "$imgui_dir" --strip-components=1
  rm -rf "$tmp"
  [ -f "$imgui_dir/imgui.cpp" ] || { log "imgui.cpp missing after unpacking $tarball"; exit 1; }
fi

# npm packages of the browser tests (playwright-core drives Debian's chromium; it downloads nothing).
if [ ! -d "$root/tests/browser/node_modules/playwright-core" ] && [ -f "$root/tests/browser/package.json" ]; then
  log "installing npm packages for the browser tests"
  (cd "$root/tests/browser" && npm ci --no-audit --no-fund --loglevel=error)
fi
# Closure Compiler for the client's JS (wasm/CMakeLists.txt; a native binary from npm, no Java).
if [ ! -x "$root/tools/closure/node_modules/.bin/google-closure-compiler" ] && [ -f "$root/tools/closure/package.json" ]; then
  log "installing Closure Compiler (npm) for the client build"
  (cd "$root/tools/closure" && npm ci --no-audit --no-fund --loglevel=error)
fi
# npm packages of the benchmarks' reference server (ws; tools/bench, docs/performance.md).
if [ ! -d "$root/tools/bench/node_modules/ws" ] && [ -f "$root/tools/bench/package.json" ]; then
  log "installing npm packages for the benchmarks' reference server"
  (cd "$root/tools/bench" && npm ci --no-audit --no-fund --loglevel=error)
fi
log "ready"
