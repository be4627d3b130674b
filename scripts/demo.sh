#!/usr/bin/env bash
# `make demo`: a demo team of fake agents (a leader and three workers) in a
# fresh folder, supervised by `team-agent run` on its own tmux server. The
# leader hands out work, the workers answer through their team_agent MCP
# server, a snapshot of each pane shows what the agents show, then
# everything stops cleanly. The folder stays, with what to type next;
# CLEAN=1 removes it.
set -euo pipefail

bin=$(realpath "${1:-build/team-agent}")
ws=$(mktemp -d "${TMPDIR:-/tmp}/team-agent-demo-XXXXXX")
# The fake agents keep their sessions in the CLIs' layouts: inside the demo's
# own folder, never among the person's real Claude or Codex sessions.
export CLAUDE_CONFIG_DIR="$ws/.sessions/claude" CODEX_HOME="$ws/.sessions/codex"
supervisor=""
cleanup() {
  if [ -n "$supervisor" ]; then "$bin" --workspace "$ws" shutdown --kill-panes >/dev/null 2>&1 || true; fi
  if [ "${CLEAN:-0}" = 1 ]; then rm -rf "$ws"; fi
}
trap cleanup EXIT

if [ -t 1 ]; then bold=$'\033[1m'; dim=$'\033[2m'; off=$'\033[0m'; else bold=; dim=; off=; fi
step() { printf '%s== %s%s\n' "$bold" "$*" "$off"; }
show() { printf '%s$ team-agent %s%s\n' "$dim" "$*" "$off"; "$bin" "$@"; }
last_seq() { "$bin" events -n 1 -o json | sed -n 's/^{"seq":\([0-9]*\).*/\1/p'; }

cd "$ws"
step "A demo team of fake agents in $ws, run by 'team-agent run' (its live events prefixed [run])"
show init --demo | head -2
"$bin" run 2>&1 | sed -u 's/^/  [run] /' &
supervisor=$!
# Ready once supervisor.started is in the log (waited for, not guessed).
timeout 30 "$bin" events --follow -n 1 --type supervisor.started --count 1 >/dev/null
# Each pane's first state change is its CLI drawing its input box.
for agent in backend frontend tester; do
  timeout 30 "$bin" events --follow -n 1 --type pane.state_changed --agent "$agent" --count 1 >/dev/null
done

after=$(last_seq)
step "The leader hands out work; send waits until the message is typed into each pane"
show send --from leader backend,frontend,tester --task T1 "Please add a /health endpoint and report when done."

step "Each worker calls report_result on its team_agent MCP server (team-agent events --type mcp.tool_called):"
# Three deliveries to the workers and three result notifications to the leader.
timeout 60 "$bin" events --follow --after "$after" --type send.submitted --count 6 >/dev/null
"$bin" events --type mcp.tool_called | cut -d' ' -f2- | sed 's/^/  /'

step "What each pane shows last (team-agent peek AGENT)"
for agent in leader backend frontend tester; do
  # The conversation's last lines: everything from the input box down is the CLI's chrome.
  "$bin" peek "$agent" -n 60 | grep -v '^[[:space:]]*$' | tac | sed '1,/^[›❯>]/d' | tac | tail -n 2 |
    cut -c 1-100 | sed "s/^/  $agent │ /"
done
show status --summary

step "A clean stop, then a replay of the log compared with the live projections"
show shutdown --kill-panes | head -2
wait "$supervisor" || true
supervisor=""
show replay --verify

step "Done. The team's folder stays: cd $ws"
cat <<NEXT
  team-agent run     # start the team again, each agent resuming its session; attach to watch it
  team-agent events  # the log (--follow to tail it); also status, peek AGENT, replay --verify
NEXT
