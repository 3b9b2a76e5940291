#!/usr/bin/env bash
# GET /api/v1/tickets (a page of 50, newest first, with the total) under wrk on
# a large SQLite store: the default list and the status, team and requester
# filters, with an agent token (authentication included).
#
#   bench/http_list.sh [DATA_DIR]
#
# Without DATA_DIR (or when it holds no store yet) it imports the demo pack and
# seeds COUNT tickets (scripts/seed_tickets.py, default 1,000,000: minutes) into
# DATA_DIR (default: a temp dir, deleted afterwards). Env: BIN, COUNT, DURATION
# (10s), THREADS (2), CONNECTIONS (8), SERVER_THREADS (empty: serve's default).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-${BUILD_DIR:-build}/src/app/smartassist}
COUNT=${COUNT:-1000000}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-8}
command -v wrk >/dev/null || { echo "wrk is missing: bash scripts/install-deps.sh --bench" >&2; exit 1; }

WORK=$(mktemp -d)
DATA=${1:-$WORK/data}
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [[ ! -f "$DATA/smartassist.db" ]]; then
  "$BIN" import examples/acme.yaml --data "$DATA" > /dev/null
  nice -n 10 python3 scripts/seed_tickets.py --data "$DATA" --count "$COUNT"
fi
AGENT=$("$BIN" token create --name bench-list --role agent --user franck --data "$DATA" | tail -n 1)

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
URL="http://127.0.0.1:$PORT"
ARGS=()
if [[ -n "${SERVER_THREADS:-}" ]]; then ARGS=(--threads "$SERVER_THREADS"); fi
"$BIN" serve --data "$DATA" --listen "127.0.0.1:$PORT" --access-log off --rate-limits off "${ARGS[@]}" \
  > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 1800); do
  if curl -fsS "$URL/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$WORK/server.log"; exit 1; fi
  sleep 0.1
done
TOTAL=$(curl -fsS -H "Authorization: Bearer $AGENT" "$URL/api/v1/tickets?limit=1" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); tickets in the store: $TOTAL"

for query in "" "?status=assigned" "?status=closed" "?team=network" "?team=service-desk" "?requester=alice"; do
  echo
  echo "== GET /api/v1/tickets$query (-c $CONNECTIONS), total $(curl -fsS -H "Authorization: Bearer $AGENT" \
    "$URL/api/v1/tickets$query" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"], "items", len(d["items"]))')"
  before=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")
  wrk --latency --timeout 5s -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" \
    -H "Authorization: Bearer $AGENT" "$URL/api/v1/tickets$query" > "$WORK/wrk.out" 2>&1 || true
  grep -E 'Requests/sec|Non-2xx|Socket errors|^ +(50|90|99)%' "$WORK/wrk.out" | sed 's/^ */  /'
  # Server CPU (user + system) per request: the cost, apart from waiting.
  after=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")
  awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" \
    '/requests in/ {printf "  server CPU: %.3f ms per request\n", ticks * 1000 / hz / $1}' "$WORK/wrk.out"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
