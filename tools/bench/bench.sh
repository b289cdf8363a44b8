#!/usr/bin/env bash
# `tools/dev bench [--quick]`: NovaTalk's server against the Node.js + ws reference server
# (reference-server.mjs) with the same load generator (tools/loadgen), side by side, plus two
# NovaTalk nodes sharing one Redis. Servers pinned to CPU 0, the load generator to CPU 1; every
# process on a free port, stopped by its pid; a fresh server for each scenario. Results (one JSON
# file per run, summary.txt) go to out/bench/<UTC time>/. docs/performance.md.
# Sizes (environment; --quick makes each default small, for trying the script):
#   NOVATALK_BENCH_IDLE_CONNS   idle connections (100000, capped by the file limit)
#   NOVATALK_BENCH_PAIRS        pairs doing call setups (50)
#   NOVATALK_BENCH_SECONDS      seconds of each setups and relay run (10)
#   NOVATALK_BENCH_RATE         relayed messages per second (20000)
#   NOVATALK_BENCH_RELAY_PAIRS  pairs relaying them (100)
#   NOVATALK_BENCH_RT           1 (default): servers and load generator run SCHED_RR (chrt -r 10), 0: not
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    *) echo "usage: tools/dev bench [--quick]" >&2; exit 2 ;;
  esac
done
if [ "$quick" = 1 ]; then
  d_idle=2000 d_pairs=10 d_seconds=2 d_rate=2000 d_relay_pairs=20
else
  d_idle=100000 d_pairs=50 d_seconds=10 d_rate=20000 d_relay_pairs=100
fi
idle_conns="${NOVATALK_BENCH_IDLE_CONNS:-$d_idle}"
pairs="${NOVATALK_BENCH_PAIRS:-$d_pairs}"
seconds="${NOVATALK_BENCH_SECONDS:-$d_seconds}"
rate="${NOVATALK_BENCH_RATE:-$d_rate}"
relay_pairs="${NOVATALK_BENCH_RELAY_PAIRS:-$d_relay_pairs}"

log() { printf '[bench] %s\n' "$*" >&2; }

"$root/tools/setup.sh"
jobs="${NOVATALK_JOBS:-2}"
cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE="${NOVATALK_BUILD_TYPE:-RelWithDebInfo}" \
  -DNOVATALK_WASM_BUILD_DIR="$root/build/wasm" -DNOVATALK_WWW_DIR="$root/out/www" >/dev/null
nice cmake --build build/native -j "$jobs" --target novatalk-server novatalk-loadgen
server_bin="$root/build/native/server/novatalk-server"
loadgen_bin="$root/build/native/tools/loadgen/novatalk-loadgen"

# Real-time priority for everything measured, servers and load generator alike: on a machine
# shared with niced builds, a woken server otherwise waits milliseconds behind them, and that
# wait, not the server, is what the latency percentiles showed (docs/performance.md). The
# kernel's RT throttling (95%) still leaves the other processes a share.
prio=()
if [ "${NOVATALK_BENCH_RT:-1}" != 0 ] && chrt -r 10 true 2>/dev/null; then
  # Round-robin, not FIFO: the load generator's main thread (it reads the clocks and the
  # server's CPU) must get time slices next to a saturated worker thread of equal priority.
  prio=(chrt -r 10)
else
  log "running without real-time priority: latency figures include other processes' time slices"
fi

# Every connection is a descriptor in the server and one in the load generator.
ulimit -n "$(ulimit -Hn)"
fd_limit="$(ulimit -n)"
if [ "$idle_conns" -gt $((fd_limit - 500)) ]; then
  log "idle connections capped at $((fd_limit - 500)): this machine's hard file limit is $fd_limit (asked for $idle_conns)"
  idle_conns=$((fd_limit - 500))
fi

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
out="$root/out/bench/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# Every limit off (docs/server.md): the load comes from one address at rates no person sends.
novatalk_flags=(--max-conns-per-ip 0 --max-new-conns-per-ip 0 --msg-burst 0 --msg-rate 0
  --next-interval-ms 0 --send-queue-bytes 0 --ping-interval 0 --idle-timeout 0
  --handshake-timeout 0)

# start NAME CMD...: runs CMD on CPU 0 with its stderr in $out/NAME.log and waits for its
# `event=listening port=N` line; sets started_pid and started_port.
start() {
  local name="$1"
  shift
  "${prio[@]}" taskset -c 0 "$@" 2>"$out/$name.log" >/dev/null &
  started_pid=$!
  pids+=("$started_pid")
  started_port=""
  for _ in $(seq 1 200); do
    started_port=$(sed -n 's/.*event=listening port=\([0-9]*\).*/\1/p' "$out/$name.log" | head -n1)
    [ -n "$started_port" ] && return 0
    kill -0 "$started_pid" 2>/dev/null || break
    sleep 0.05
  done
  log "$name did not start; its log:"
  cat "$out/$name.log" >&2
  exit 1
}

stop() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# load NAME PORTS PIDS MODE ARGS...: the load generator on CPU 1 -> $out/NAME.json.
load() {
  local name="$1" ports="$2" server_pids="$3" mode="$4"
  shift 4
  log "$name: $mode $*"
  if ! "${prio[@]}" taskset -c 1 "$loadgen_bin" "$mode" --port "$ports" --server-pid "$server_pids" \
      --format json "$@" >"$out/$name.json"; then
    log "$name reported errors or missed a count (see $out/$name.json)"
  fi
}

# scenario KIND NAME MODE ARGS...: a fresh server of KIND (novatalk, node), one run against it.
scenario() {
  local kind="$1" name="$2"
  shift 2
  if [ "$kind" = novatalk ]; then
    start "$kind-$name" "$server_bin" --listen 127.0.0.1:0 "${novatalk_flags[@]}"
  else
    start "$kind-$name" node "$root/tools/bench/reference-server.mjs" --port 0 --ping-interval 0
  fi
  local pid="$started_pid" port="$started_port"
  sleep 0.5  # the baseline RSS after start-up, not during it
  load "$kind-$name" "$port" "$pid" "$@"
  stop "$pid"
}

for kind in novatalk node; do
  scenario "$kind" idle idle --conns "$idle_conns" --hold 2
  scenario "$kind" idle-joined idle --conns "$idle_conns" --hold 2 --join
  scenario "$kind" setups setups --pairs "$pairs" --duration "$seconds"
  scenario "$kind" relay relay --pairs "$relay_pairs" --rate "$rate" --duration "$seconds"
done

# Two NovaTalk nodes sharing one Redis (docs/scaling.md), all three on CPU 0; the load
# generator's connections alternate between the nodes, so most pairs span both.
redis_port=$(free_port)
: >"$out/redis.log"
"${prio[@]}" taskset -c 0 redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
  >"$out/redis.log" 2>&1 &
redis_pid=$!
pids+=("$redis_pid")
for _ in $(seq 1 100); do
  grep -q "Ready to accept connections" "$out/redis.log" && break
  sleep 0.05
done
for name in setups relay; do
  start "redis-$name-a" "$server_bin" --listen 127.0.0.1:0 --redis "redis://127.0.0.1:$redis_port" \
    --node-id bench-a "${novatalk_flags[@]}"
  pid_a=$started_pid port_a=$started_port
  start "redis-$name-b" "$server_bin" --listen 127.0.0.1:0 --redis "redis://127.0.0.1:$redis_port" \
    --node-id bench-b "${novatalk_flags[@]}"
  pid_b=$started_pid port_b=$started_port
  sleep 0.5
  if [ "$name" = setups ]; then
    load "redis-$name" "$port_a,$port_b" "$pid_a,$pid_b,$redis_pid" setups --pairs "$pairs" \
      --duration "$seconds"
  else
    load "redis-$name" "$port_a,$port_b" "$pid_a,$pid_b,$redis_pid" relay --pairs "$relay_pairs" \
      --rate "$rate" --duration "$seconds"
  fi
  stop "$pid_a"
  stop "$pid_b"
done
stop "$redis_pid"

{
  echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs, $(uname -sr)"
  echo "priority: ${prio[*]:-normal}, load average before: $load_before"
  echo "sizes: idle $idle_conns, setups $pairs pairs x ${seconds}s, relay $rate msg/s x ${seconds}s over $relay_pairs pairs"
  node "$root/tools/bench/compare.mjs" "$out"
} | tee "$out/summary.txt"
log "results in ${out#"$root/"}/"
