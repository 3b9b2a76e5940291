#!/usr/bin/env bash
# Installs what is missing, builds, imports the demo organization and starts the
# server on http://127.0.0.1:8080 with its embedded SQLite database in ./data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
bash scripts/build-web.sh
BIN=build/src/app/smartassist
DATA=${DATA:-./data}
"$BIN" import examples/acme.yaml --data "$DATA"
exec "$BIN" serve --data "$DATA" --listen "${LISTEN:-127.0.0.1:8080}" --static web/dist --demo-login
