#!/usr/bin/env bash
# The command line of shared/API-CONTRACT.md, run as a user would: import (a
# bad pack is refused whole with paths, a good one summarised), token create
# (the token alone on the last line), chat (the terminal channel), audit verify.
# Usage: cli_test.sh SMARTASSIST_BINARY SOURCE_DIR
set -u
BIN=$1
SRC=$2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0
check() {  # check NAME COMMAND...: counts a pass when COMMAND succeeds
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $name"
  fi
}

# A broken pack: nothing imported, every error named by its path.
sed -e 's/owner_team: network$/owner_team: netwrk/' -e 's/^  - id: wifi$/  - id: VPN/' \
  "$SRC/examples/acme.yaml" > "$WORK/bad.yaml"
"$BIN" import "$WORK/bad.yaml" --data "$WORK/data" > "$WORK/bad.out" 2>&1
check "bad pack exits 1" test $? -eq 1
check "bad pack names the unknown team" grep -q 'owner_team: unknown team "netwrk"' "$WORK/bad.out"
check "bad pack names the duplicate id" grep -qi 'services\[[0-9]*\].id: duplicate id' "$WORK/bad.out"

# A good pack, twice (idempotent).
"$BIN" import "$SRC/examples/acme.yaml" --data "$WORK/data" > "$WORK/good.out" 2>&1
check "good pack exits 0" test $? -eq 0
check "good pack is summarised on one line" test "$(wc -l < "$WORK/good.out")" -eq 1
check "summary names the organization" grep -q "Acme Corp" "$WORK/good.out"
"$BIN" import "$SRC/examples/acme.yaml" --data "$WORK/data" > /dev/null 2>&1
check "re-import exits 0" test $? -eq 0

# token create: the token alone on the last line.
"$BIN" token create --name ci --role integration --data "$WORK/data" > "$WORK/token.out" 2>&1
check "token create exits 0" test $? -eq 0
check "token is alone on the last line" grep -Eq '^sat_[0-9a-f]{64}$' <(tail -n 1 "$WORK/token.out")
"$BIN" token create --name bad --role wizard --data "$WORK/data" > /dev/null 2>&1
check "unknown role is refused" test $? -ne 0

# chat: the terminal channel answers a how-to with the article.
printf 'how do I set up the VPN client?\nyes\n/quit\n' |
  "$BIN" chat --user alice --data "$WORK/data" > "$WORK/chat.out" 2>&1
check "chat exits 0" test $? -eq 0
check "chat greets" grep -q "Hello Alice" "$WORK/chat.out"
check "chat offers the VPN article" grep -q "kb-vpn-setup" "$WORK/chat.out"
"$BIN" chat --user nobody --data "$WORK/data" < /dev/null > "$WORK/chat2.out" 2>&1
check "chat refuses an unknown user" test $? -ne 0

# The audit chain of everything above verifies.
"$BIN" audit verify --data "$WORK/data" > "$WORK/audit.out" 2>&1
check "audit verify exits 0" test $? -eq 0
check "audit verify reports ok" grep -q "audit chain ok" "$WORK/audit.out"

echo "$passed passed, $failed failed"
test "$failed" -eq 0
