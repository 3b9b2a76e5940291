#!/usr/bin/env bash
# Runs shared/tools/converse-eval against a fresh server: builds (if needed),
# imports a pack (dates moved to today by shift-dates), creates an integration
# token, plays the conversations and prints the scores (and, on stderr, the
# server's resident memory after start and after the run).
#
#   bench/converse_eval.sh [PACK.yaml] [CASES.yaml] [extra converse-eval args...]
# Defaults: examples/acme.yaml and examples/acme-conversations.yaml.
# SHARED (default ../shared) locates the tools; BUILD_DIR (default build) the binary.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SHARED=${SHARED:-$ROOT/../shared}
PACK=${1:-examples/acme.yaml}
CASES=${2:-examples/acme-conversations.yaml}
shift $(( $# > 2 ? 2 : $# )) || true
BIN=${BIN:-${BUILD_DIR:-build}/src/app/smartassist}
if [[ ! -x "$BIN" ]]; then
  bash scripts/build.sh
fi
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

SHIFTED_PACK=$(python3 "$SHARED/tools/shift-dates" "$PACK")
SHIFTED_CASES=$(python3 "$SHARED/tools/shift-dates" "$CASES")
"$BIN" import "$SHIFTED_PACK" --data "$WORK/data"
TOKEN=$("$BIN" token create --name converse-eval --role integration --data "$WORK/data" | tail -n 1)

# A free loopback port.
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
"$BIN" serve --data "$WORK/data" --listen "127.0.0.1:$PORT" --access-log off > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
  if curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$WORK/server.log"; exit 1; fi
  sleep 0.1
done
rss() { awk '/^VmRSS/ {printf "%.1f MB", $2 / 1024}' "/proc/$SERVER_PID/status"; }
echo "server RSS after start: $(rss)" >&2
python3 "$SHARED/tools/converse-eval" --url "http://127.0.0.1:$PORT" --token "$TOKEN" \
  --pack "$SHIFTED_PACK" --cases "$SHIFTED_CASES" "$@"
echo "server RSS after the run: $(rss)" >&2
rm -f "$SHIFTED_PACK" "$SHIFTED_CASES"
