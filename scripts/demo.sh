#!/usr/bin/env bash
# `make demo`: a demo team in a private temporary workspace, messages sent to
# it, and the live event stream, status and replay that show what happened.
# The workspace is removed at the end unless KEEP=1.
set -euo pipefail

bin=$(realpath "${1:-build/team-agent}")
ws=$(mktemp -d "${TMPDIR:-/tmp}/team-agent-demo-XXXXXX")
follower=""
cleanup() {
  [ -n "$follower" ] && kill "$follower" 2>/dev/null || true
  if [ "${KEEP:-0}" = 1 ]; then echo "workspace kept: $ws"; else rm -rf "$ws"; fi
}
trap cleanup EXIT

if [ -t 1 ]; then bold=$'\033[1m'; dim=$'\033[2m'; off=$'\033[0m'; else bold=; dim=; off=; fi
step() { printf '\n%s== %s%s\n' "$bold" "$*" "$off"; }
show() { printf '%s$ team-agent %s%s\n' "$dim" "$*" "$off"; "$bin" "$@"; }
# `send` exits 3 when the message is recorded but no supervisor runs yet.
send() { printf '%s$ team-agent send %s%s\n' "$dim" "$*" "$off"; "$bin" send "$@" || [ $? -eq 3 ]; }

cd "$ws"
step "A demo team of fake agents in $ws"
show init --demo

step "The live event stream: 'team-agent events --follow' runs in the background"
# It stops by itself after the six messages the demo sends.
"$bin" events --follow -n 0 --type 'message.*' --count 6 | sed 's/^/  [events -f] /' &
follower=$!

step "Messages are persisted first (message.accepted), then delivered by the supervisor"
send backend --task T1 "Please add a /health endpoint and report when done."
send frontend,tester "The release notes are due on Friday."
send --from backend '*' "API schema v2 is merged; rebase before you push."
wait "$follower"
follower=""

step "Status, folded from the log into SQLite projections"
show status

step "Replay: rebuild the projections from the log and compare with the live ones"
show replay --verify

first=$("$bin" events --type message.accepted -n 100 -o json | head -1 | sed 's/.*"message_id":"\([^"]*\)".*/\1/')
step "The timeline of one message"
show replay --message "$first"

step "The last events, as NDJSON"
show events -n 3 -o json

step "Done. The log is the source of truth: $ws/.team/events/"
