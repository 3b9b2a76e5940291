#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds with warnings as
# errors, and runs every test (unit, contract tests on SQLite and a real
# PostgreSQL, API tests over real sockets, directory tests on a real slapd).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
export BUILD_DIR=${BUILD_DIR:-build-test}
bash scripts/build.sh -DSA_WERROR=ON
cd "$BUILD_DIR"
ctest --output-on-failure -j 2 --timeout 600
