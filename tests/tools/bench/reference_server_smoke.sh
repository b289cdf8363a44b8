#!/usr/bin/env bash
# The benchmarks' Node.js reference server (tools/bench/reference-server.mjs) speaks protocol v1:
# each load generator mode, tiny, against it exits 0 (counts reached, zero errors, every frame
# valid for the core's codec), and a frame that is not JSON gets bad_message. Never a timing.
#   reference_server_smoke.sh NOVATALK_LOADGEN REFERENCE_SERVER_MJS
set -euo pipefail
loadgen="$1"
server="$2"
log=$(mktemp)
node "$server" --port 0 --ping-interval 0 2>"$log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
port=""
for _ in $(seq 1 200); do
  port=$(sed -n 's/.*event=listening port=\([0-9]*\).*/\1/p' "$log" | head -n1)
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.05
done
[ -n "$port" ] || { echo "reference server did not start" >&2; exit 1; }

run() {
  echo "loadgen $*" >&2
  "$loadgen" "$@" --port "$port" --format json --timeout 60 >/dev/null
}
run idle --conns 50 --hold 0
run idle --conns 50 --hold 0 --join
run setups --pairs 2 --setups 20 --duration 30
run relay --pairs 2 --rate 100 --duration 1 --warmup 0

# Bad JSON gets an error frame (the client is ws's, resolved from tools/bench/node_modules).
(cd "$(dirname "$server")" && node --input-type=module -e '
  import WebSocket from "ws";
  const ws = new WebSocket(`ws://127.0.0.1:${process.argv[1]}/ws`);
  const seen = [];
  ws.onmessage = (e) => {
    const m = JSON.parse(e.data);
    seen.push(m.type);
    if (m.type === "welcome") ws.send("{not json");
    if (m.type === "error") {
      if (m.code !== "bad_message") { console.error("code", m.code); process.exit(1); }
      process.exit(0);
    }
  };
  setTimeout(() => { console.error("no error frame; saw", seen); process.exit(1); }, 10000);
' "$port") || { echo "bad JSON was not answered with bad_message" >&2; exit 1; }
echo "reference server: ok" >&2
