#!/usr/bin/env bash
# HTTP API load benchmark with wrk, on loopback only: starts the real server
# (`smartassist serve`, demo pack imported into a fresh store in a temp dir,
# access log off, rate limits off so that the limiter is not what is measured)
# and runs wrk, bounded in time (and the conversation script also in count),
# against:
#   1. GET  /healthz                          (no auth, no store)
#   2. GET  /api/v1/tickets/{id}              (agent token: SHA-256 lookup + one read)
#   3. POST /api/v1/tickets                   (agent token: a ticket creation)
#   4. POST /api/v1/conversations/{id}/messages (integration token, the real bot;
#      bench/http_conversation.lua opens conversations and posts messages with
#      unique client_message_ids)
# Prints wrk's requests/s and latency percentiles for each, and the server's RSS.
#
#   bench/http_wrk.sh [--db postgresql://...]
# Env: BIN (default build/src/app/smartassist), DURATION (10s), THREADS (2),
#      CONNECTIONS (8), BOT_CONNECTIONS (50: 50 concurrent conversations),
#      BOT_MAX_REQUESTS (per wrk thread, 100000: large enough that DURATION bounds the run), BOT_THINK_MS (0: each connection
#      sends its next message as soon as the reply came; N: after N ms on average,
#      like a person typing), SERVER_THREADS (empty: serve's
#      default, max(4, 2 x cores)), ONLY (run only the runs whose name contains it).
# Needs wrk: `bash scripts/install-deps.sh --bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-${BUILD_DIR:-build}/src/app/smartassist}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-8}
BOT_CONNECTIONS=${BOT_CONNECTIONS:-50}
BOT_MAX_REQUESTS=${BOT_MAX_REQUESTS:-100000}
SERVER_THREADS=${SERVER_THREADS:-}
ONLY=${ONLY:-}
DB=()
if [[ "${1:-}" == "--db" ]]; then DB=(--db "$2"); fi

command -v wrk >/dev/null || { echo "wrk is missing: bash scripts/install-deps.sh --bench" >&2; exit 1; }
if [[ ! -x "$BIN" ]]; then TARGETS=smartassist bash scripts/build.sh; fi

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
rss() { awk '/^VmRSS/ {printf "%.1f MB\n", $2 / 1024}' "/proc/$SERVER_PID/status"; }

"$BIN" import examples/acme.yaml --data "$WORK/data" "${DB[@]}" > /dev/null
AGENT=$("$BIN" token create --name bench-agent --role agent --user franck --data "$WORK/data" "${DB[@]}" | tail -n 1)
SLACK=$("$BIN" token create --name bench-slack --role integration --data "$WORK/data" "${DB[@]}" | tail -n 1)

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
URL="http://127.0.0.1:$PORT"
THREAD_ARGS=()
if [[ -n "$SERVER_THREADS" ]]; then THREAD_ARGS=(--threads "$SERVER_THREADS"); fi
"$BIN" serve --data "$WORK/data" "${DB[@]}" --listen "127.0.0.1:$PORT" --access-log off \
  --rate-limits off "${THREAD_ARGS[@]}" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 1800); do
  if curl -fsS "$URL/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$WORK/server.log"; exit 1; fi
  sleep 0.1
done
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); server threads ${SERVER_THREADS:-default}; store ${DB[1]:-SQLite}"
echo "server RSS after start: $(rss)"

TICKET=$(curl -fsS -X POST "$URL/api/v1/tickets" -H "Authorization: Bearer $AGENT" \
  -H 'Content-Type: application/json' \
  -d '{"title":"VPN drops every ten minutes","requester":"alice","team":"network"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')

cat > "$WORK/create.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $AGENT"
wrk.body = '{"title":"Printer jams on floor 2","requester":"alice","team":"network"}'
LUA

run() {  # run NAME wrk-args...
  local name=$1
  shift
  if [[ -n "$ONLY" && "$name" != *"$ONLY"* ]]; then return; fi
  echo
  echo "== $name"
  local before
  before=$(cpu_ticks)
  wrk --latency --timeout 5s -t "$THREADS" -d "$DURATION" "$@" > "$WORK/wrk.out" 2>&1 || true
  grep -E 'Requests/sec|Transfer/sec|requests in|Non-2xx|Socket errors|^ +(50|75|90|99)%' "$WORK/wrk.out" |
    sed 's/^ */  /'
  # Server CPU (user + system) per request: the cost, apart from waiting.
  awk -v ticks=$(( $(cpu_ticks) - before )) -v hz="$(getconf CLK_TCK)" \
    '/requests in/ {printf "  server CPU: %.3f ms per request\n", ticks * 1000 / hz / $1}' "$WORK/wrk.out"
}

run "GET /healthz (-c $CONNECTIONS)" -c "$CONNECTIONS" "$URL/healthz"
run "GET /api/v1/tickets/$TICKET (-c $CONNECTIONS)" -c "$CONNECTIONS" \
  -H "Authorization: Bearer $AGENT" "$URL/api/v1/tickets/$TICKET"
run "POST /api/v1/tickets (-c $CONNECTIONS)" -c "$CONNECTIONS" -s "$WORK/create.lua" "$URL/api/v1/tickets"
SA_TOKEN=$SLACK SA_USER=alice SA_MAX_REQUESTS=$BOT_MAX_REQUESTS SA_THINK_MS=${BOT_THINK_MS:-0} \
  run "POST /api/v1/conversations/{id}/messages, real bot (-c $BOT_CONNECTIONS, think ${BOT_THINK_MS:-0} ms)" \
  -c "$BOT_CONNECTIONS" -s bench/http_conversation.lua "$URL"
echo
echo "server RSS after the runs: $(rss)"
