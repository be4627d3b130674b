#!/usr/bin/env bash
# `make demo`: a demo team of fake agents (a leader and three workers) in a
# private temporary workspace, supervised by `team-agent run` on its own
# tmux server. The leader hands out work, the workers answer back, the live
# event stream shows every step, then everything stops cleanly. The
# workspace is removed at the end unless KEEP=1.
set -euo pipefail

bin=$(realpath "${1:-build/team-agent}")
ws=$(mktemp -d "${TMPDIR:-/tmp}/team-agent-demo-XXXXXX")
# The fake agents keep their sessions in the CLIs' layouts: inside the demo's
# own directory, never among the person's real Claude or Codex sessions.
export CLAUDE_CONFIG_DIR="$ws/.sessions/claude" CODEX_HOME="$ws/.sessions/codex"
supervisor=""
cleanup() {
  if [ -n "$supervisor" ]; then "$bin" --workspace "$ws" shutdown --kill-panes >/dev/null 2>&1 || true; fi
  if [ "${KEEP:-0}" = 1 ]; then echo "workspace kept: $ws"; else rm -rf "$ws"; fi
}
trap cleanup EXIT

if [ -t 1 ]; then bold=$'\033[1m'; dim=$'\033[2m'; off=$'\033[0m'; else bold=; dim=; off=; fi
step() { printf '\n%s== %s%s\n' "$bold" "$*" "$off"; }
show() { printf '%s$ team-agent %s%s\n' "$dim" "$*" "$off"; "$bin" "$@"; }
last_seq() { "$bin" events -n 1 -o json | sed -n 's/^{"seq":\([0-9]*\).*/\1/p'; }

cd "$ws"
step "A demo team of fake agents in $ws"
show init --demo

step "The supervisor: 'team-agent run' starts a tmux pane per agent and prints the live event stream"
"$bin" run 2>&1 | sed -u 's/^/  [run] /' &
supervisor=$!
# Ready once supervisor.started is in the log (waited for, not guessed).
timeout 30 "$bin" events --follow -n 1 --type supervisor.started --count 1 >/dev/null

after=$(last_seq)
step "The leader hands out work; each send waits until the message is typed into the pane"
show send --from leader backend --task T1 "Please add a /health endpoint and report when done."
show send --from leader frontend,tester "The release notes are due on Friday."

step "Each worker works for a second, then calls report_result on its team_agent MCP server; the leader is notified once per result"
# Three deliveries to the workers and three result notifications to the leader.
timeout 60 "$bin" events --follow --after "$after" --type send.submitted --count 6 >/dev/null

step "Every agent talks to its team through MCP: each tool call is in the log"
show events --type mcp.tool_called

step "Status, folded from the log into SQLite projections"
show status

step "A clean stop: the supervisor finishes in-flight deliveries, then the panes are closed"
show shutdown --kill-panes
wait "$supervisor" || true
supervisor=""

step "Replay: rebuild the projections from the log and compare with the live ones"
show replay --verify

first=$("$bin" events --type message.accepted -n 100 -o json | head -1 | sed 's/.*"message_id":"\([^"]*\)".*/\1/')
step "The timeline of one message"
show replay --message "$first"

step "Done. The log is the source of truth: $ws/.team/events/"
