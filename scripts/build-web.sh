#!/usr/bin/env bash
# Builds the web app (portal, agent console, admin) into web/dist, which
# `smartassist serve --static web/dist` serves. Needs node and npm (Debian's
# nodejs and npm; scripts/install-deps.sh installs them). Packages come from
# the npm registry at build time, pinned by web/package-lock.json; nothing is
# fetched at run time. Skips the install when node_modules matches the lock.
set -euo pipefail
cd "$(dirname "$0")/../web"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
if [[ ! -f node_modules/.package-lock.json ]] || ! cmp -s package-lock.json node_modules/.sa-lock; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.sa-lock
fi
npm run --silent build
