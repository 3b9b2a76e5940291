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
LISTEN=${LISTEN:-127.0.0.1:8080}
DEMO_PASSWORD=${DEMO_PASSWORD:-acme-demo-2026}
mkdir -p "$DATA"

# The demo pack is dated as of 2026-11-22: move its dates so that its planned
# changes and open incident lie around today.
python3 scripts/shift-dates.py examples/acme.yaml "$DATA/acme-demo.yaml"
"$BIN" import "$DATA/acme-demo.yaml" --data "$DATA"
for user in alice dana hugo; do
  echo "$DEMO_PASSWORD" | "$BIN" password set --user "$user" --data "$DATA" >/dev/null
done
TOKEN=$("$BIN" token create --name "demo-admin-$(date +%s)" --role admin --user hugo --data "$DATA" | tail -n 1)

cat <<INFO

  smartassist demo (Acme Corp) on http://$LISTEN
  Log in to the web app with password "$DEMO_PASSWORD" as:
    alice  (an employee: chat with the bot, her tickets, knowledge base)
    dana   (a Service Desk agent: queues, tickets, take over conversations)
    hugo   (an administrator: teams, catalog, import, tokens)
  API (admin token, shown once):
    curl -H "Authorization: Bearer $TOKEN" http://$LISTEN/api/v1/tickets
  Terminal chat:  $BIN chat --user alice --data $DATA

INFO
exec "$BIN" serve --data "$DATA" --listen "$LISTEN" --static web/dist
