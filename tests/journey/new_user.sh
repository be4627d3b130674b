#!/usr/bin/env bash
# A new user's first session with team-agent, played end to end in tmux.
#
# A private tmux server (its own socket, a 200x50 window) stands for the
# user's terminal: commands are typed into its pane with `send-keys`, as a
# person types them, and what the person sees is read back with
# `capture-pane`. The fake agent stands in for claude. Each step is one
# function below, with one line saying what the user does and what must hold;
# every wait is bounded (wait_for) and fails with the screen dump.
#
# usage: new_user.sh TEAM_AGENT_BIN   (JOURNEY_VERBOSE=1 also prints each command's screen)
# Exit 0 when every step held, 1 at the first that did not, 77 (ctest:
# skipped, with one SKIPPED line) when tmux or python3 is missing.
set -euo pipefail

bin="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
export LC_ALL=C.UTF-8  # ${#line} counts characters, the status table's columns

skip() {
  echo "SKIPPED new-user journey: $*"
  exit 77
}
command -v tmux >/dev/null 2>&1 || skip "tmux is not installed"
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed (it checks the --json output)"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/ta-journey-XXXXXX")"
ws="$tmp/my-app"         # the folder the user works in
other="$tmp/other-app"   # a second team, for the --json round of step 8
home="$tmp/home"
mkdir -p "$ws" "$other" "$home/.claude" "$home/.codex"
outer="ta-journey-$$-$RANDOM"  # the user's terminal: a tmux server of our own
pane="user:0.0"
team_sockets=()          # the teams' private tmux servers, killed by cleanup
started_at=$SECONDS
passed=0

# The user's environment, also for the checks this script makes itself.
export HOME="$home" CLAUDE_CONFIG_DIR="$home/.claude" CODEX_HOME="$home/.codex"
PATH="$(dirname "$bin"):/usr/local/bin:/usr/bin:/bin"
export PATH
export TMUX_TMPDIR="$tmp"  # every tmux socket (the user's, the teams') goes with the folder
unset TMUX TMUX_PANE TEAM_AGENT_LOG

# ---------------------------------------------------------------- helpers

outer_tmux() { tmux -L "$outer" -f /dev/null "$@"; }

# Everything the user's pane shows since the last fresh_screen (wrapped lines joined).
screen() { outer_tmux capture-pane -p -J -t "$pane" -S - 2>/dev/null | sed 's/ *$//'; }

on_screen() { screen | grep -qF -- "$1"; }

dump() {
  echo "----- the user's screen -----"
  screen | awk '{l[NR] = $0} NF {n = NR} END {for (i = 1; i <= n; i++) print l[i]}' ||
    echo "(no screen: the user's tmux server is gone)"
  for sock in "${team_sockets[@]}"; do
    for p in $(tmux -L "$sock" list-panes -a -F '#{pane_id}' 2>/dev/null); do
      echo "----- team pane $p (tmux -L $sock) -----"
      tmux -L "$sock" capture-pane -p -t "$p" 2>/dev/null | sed '/^$/d' | tail -n 15
    done
  done
  for log in "$ws/.team/logs/run.log" "$ws/.team/logs/supervisor.log"; do
    [[ -s "$log" ]] || continue
    echo "----- $log (tail) -----"
    tail -n 20 "$log"
  done
}

fail() {
  echo "FAIL: $*"
  dump
  exit 1
}

pass() {
  passed=$((passed + 1))
  printf 'ok %d - %s (%ds)\n' "$passed" "$1" $((SECONDS - started_at))
}

# wait_for TIMEOUT CMD…: re-runs CMD every 0.15 s until it succeeds; fails
# loudly (with the screen) once TIMEOUT seconds have passed.
wait_for() {
  local timeout="$1"
  shift
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || fail "waited ${timeout}s for: $*"
    sleep 0.15
  done
}

# Is the last line of the screen the shell's prompt, "[EXIT] user$"?
prompt_last() { screen | sed '/^ *$/d' | tail -n 1 | grep -qE '^\[[0-9]+\] user\$ *$'; }

# Only the prompt on the visible screen (after Ctrl-L).
prompt_alone() {
  local lines
  lines="$(outer_tmux capture-pane -p -t "$pane" | sed '/^ *$/d')"
  [[ "$lines" =~ ^\[[0-9]+\]\ user\$\ *$ ]]
}

# Ctrl-L at the prompt, then the scrollback is dropped: the screen then holds
# only what the next command prints.
fresh_screen() {
  outer_tmux send-keys -t "$pane" C-l
  wait_for 30 prompt_alone
  outer_tmux clear-history -t "$pane"
}

# The user types LINE and presses Enter.
type_line() {
  outer_tmux send-keys -t "$pane" -l -- "$1"
  outer_tmux send-keys -t "$pane" Enter
}

# run_cmd LINE [TIMEOUT]: types LINE on a fresh screen and waits for the next
# prompt. Sets OUT (what the command printed, the lines between the typed
# line and the new prompt) and RC (the exit code the prompt shows).
run_cmd() {
  fresh_screen
  type_line "$1"
  wait_for "${2:-60}" two_prompts
  local all
  all="$(screen | sed '/^$/d')"
  OUT="$(sed '1d;$d' <<<"$all")"
  RC="$(tail -n 1 <<<"$all" | sed -E 's/^\[([0-9]+)\].*/\1/')"
  [[ -z "${JOURNEY_VERBOSE:-}" ]] || printf '%s\n' "$all"
}
two_prompts() { prompt_last && (($(screen | grep -cE '^\[[0-9]+\] user\$') >= 2)); }

expect_rc() { [[ "$RC" == "$1" ]] || fail "\`$2\` exited $RC, expected $1"; }
expect_out() { grep -qF -- "$1" <<<"$OUT" || fail "\`$2\` did not print: $1"; }

# json_check WHAT EXPR: stdin parses as JSON and the Python expression EXPR
# (over the parsed value d) holds.
json_check() {
  local text
  text="$(cat)"
  python3 -c 'import json, sys
d = json.loads(sys.stdin.read())
sys.exit(0 if eval(sys.argv[1]) else 1)' "$2" <<<"$text" ||
    fail "$1: the JSON does not parse, or $2 does not hold: $text"
}

# The last event of TYPE in DIR's log, as one JSON object.
last_event() { "$bin" -w "$1" events --type "$2" -o json -n 1; }

# Events of TYPE for message ID, as JSON lines.
message_events() { "$bin" -w "$ws" events --message "$2" --type "$1" -o json -n 100; }
has_message_event() { [[ -n "$(message_events "$1" "$2")" ]]; }

supervisor_running() {
  "$bin" -w "$1" status --json | python3 -c 'import json, sys
sys.exit(0 if json.load(sys.stdin)["supervisor"]["running"] else 1)'
}

# The terminal clients of a team's tmux server (not the supervisor's control client).
people_on() {
  tmux -L "$1" list-clients -F '#{?client_control_mode,,#{client_tty} #{session_name}}' | sed '/^$/d'
}

# `peek AGENT -n N` prints the last N lines of the agent's pane as tmux reads
# it (trailing blanks dropped).
peek_is_pane_bottom() {
  local pane_id got want
  pane_id="$("$bin" -w "$ws" peek "$1" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["pane_id"])')"
  got="$("$bin" -w "$ws" peek "$1" -n "$2")"
  want="$(tmux -L "${team_sockets[0]}" capture-pane -p -t "$pane_id" | sed 's/ *$//' |
    awk '{l[NR] = $0} NF {n = NR} END {for (i = 1; i <= n; i++) print l[i]}' | tail -n "$2")"
  [[ "$got" == "$want" ]]
}

team_socket_of() { "$bin" -w "$1" attach --json | python3 -c 'import json, sys
print(json.load(sys.stdin)["socket_name"])'; }

cleanup() {
  local code=$?
  for dir in "$ws" "$other"; do
    if [[ -f "$dir/.team/team.json" ]]; then
      timeout 60 "$bin" -w "$dir" shutdown --kill-panes --timeout 10 >/dev/null 2>&1 || true
    fi
  done
  for sock in "${team_sockets[@]}"; do tmux -L "$sock" kill-server >/dev/null 2>&1 || true; done
  outer_tmux kill-server >/dev/null 2>&1 || true
  rm -rf "$tmp"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The user's terminal: a shell whose prompt shows the last exit code.
open_terminal() {
  env -i PATH="$PATH" HOME="$HOME" CLAUDE_CONFIG_DIR="$CLAUDE_CONFIG_DIR" CODEX_HOME="$CODEX_HOME" \
    TMUX_TMPDIR="$TMUX_TMPDIR" \
    LANG=C.UTF-8 LC_ALL=C.UTF-8 PS1='[$?] user$ ' HISTFILE=/dev/null \
    tmux -L "$outer" -f /dev/null new-session -d -s user -x 200 -y 50 -c "$ws" \
    bash --norc --noprofile
  outer_tmux set-option -g history-limit 5000 >/dev/null
  wait_for 30 prompt_last
}

# ------------------------------------------------------------------ steps

# The user writes a team (a fake leader, one fake worker) and sets its agents
# up: the leader shows a menu (so it cannot take messages), the worker hangs
# on a job that says HANG. init exits 0 and names the team it wrote.
step_init_team() {
  run_cmd "team-agent init --leader fake --workers fake:1"
  expect_rc 0 init
  expect_out "leader (fake)" init
  expect_out "fake-1" init
  python3 - "$ws/.team/team.json" <<'EOF'
import json, sys
path = sys.argv[1]
spec = json.load(open(path))
spec["leader"]["args"] = ["--menu"]
spec["agents"][0]["args"] = ["--hang-on", "HANG", "--reply", "none"]
json.dump(spec, open(path, "w"), indent=2)
EOF
  pass "init --leader fake --workers fake:1 writes the team"
}

# The user types the quick start: the leader's screen opens nested in their
# pane (a client of the team's tmux server on this pane's tty), with the
# detach line said once; Ctrl-b Ctrl-b d brings the shell back with the
# closing lines; `status` shows the supervisor running.
step_quick_start() {
  fresh_screen
  type_line "team-agent fake"
  wait_for 90 on_screen "Enter to confirm · Esc to cancel"  # the leader's menu, in the user's pane
  local sock session
  sock="$(team_socket_of "$ws")"
  team_sockets+=("$sock")
  session="$("$bin" -w "$ws" attach --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["session"])')"
  on_screen "[$session]" || fail "the inner tmux status line (session $session) is not in the user's pane"
  local tty clients
  tty="$(outer_tmux display-message -p -t "$pane" '#{pane_tty}')"
  clients="$(people_on "$sock")"
  [[ "$clients" == "$tty $session" ]] ||
    fail "the team's tmux server should have one terminal client, on the user's pane $tty: '$clients'"

  # The outer tmux turns the user's Ctrl-b Ctrl-b into one Ctrl-b for the
  # pane; send-keys hands the pane what it receives: Ctrl-b, then d.
  outer_tmux send-keys -t "$pane" C-b d
  wait_for 30 prompt_last
  local all
  all="$(screen)"
  grep -qE '^\[0\] user\$$' <<<"$(sed '/^$/d' <<<"$all" | tail -n 1)" ||
    fail "team-agent fake did not exit 0 after the detach"
  local detach="opening the leader nested in this tmux pane; detach with the prefix twice, then d (Ctrl-b Ctrl-b d); the team keeps running"
  (($(grep -cxF -- "$detach" <<<"$all") == 1)) || fail "the detach line is not there exactly once"
  grep -qF "created team \"my-app\" with a fake leader" <<<"$all" && fail "init had made the team already"
  grep -qE '^started the supervisor in the background \(pid [0-9]+, its output in .*/\.team/logs/run\.log\)$' <<<"$all" ||
    fail "no line saying the supervisor started in the background"
  [[ -f "$ws/.team/logs/run.log" ]] || fail "the background supervisor's output file .team/logs/run.log is missing"
  # shellcheck disable=SC2016 # the backquotes are the product's text
  grep -qxF 'the team is still running in the background: `team-agent attach` opens it again, `team-agent shutdown --kill-panes` stops it' <<<"$all" ||
    fail "no closing line saying the team still runs and how to stop or re-attach it"
  [[ -z "$(people_on "$sock")" ]] || fail "the nested client is still attached"

  run_cmd "team-agent status"
  expect_rc 0 status
  grep -qE '^supervisor: running \(pid [0-9]+' <<<"$OUT" || fail "status does not show the supervisor running"
  pass "team-agent fake opens the leader nested, Ctrl-b Ctrl-b d detaches, the team runs on"
}

# The user peeks at the leader and at the worker without attaching: each
# shows that pane's last lines; -n limits them; --json parses.
step_peek() {
  run_cmd "team-agent peek leader"
  expect_rc 0 "peek leader"
  expect_out "Enter to confirm · Esc to cancel" "peek leader"
  run_cmd "team-agent peek fake-1 -n 5"
  expect_rc 0 "peek fake-1 -n 5"
  expect_out "fake-model" "peek fake-1 -n 5"  # the fake agent's footer, on its last line
  (($(wc -l <<<"$OUT") <= 5)) || fail "peek -n 5 printed more than 5 lines"
  wait_for 30 peek_is_pane_bottom fake-1 5  # the same lines tmux shows at the bottom of its pane
  (cd "$ws" && "$bin" peek fake-1 --json) |
    json_check "peek --json" 'd["agent"] == "fake-1" and d["pane_id"].startswith("%") and any("fake-model" in l for l in d["lines"])'
  pass "peek shows the leader's and the worker's panes; peek --json parses"
}

# The user gives the worker a job it hangs on, then sends it another with a
# short --timeout: one "waiting:" line on stderr, exit 4 "still queued" with
# the message id; once the user cancels the hung turn it is delivered.
step_send_busy() {
  run_cmd 'team-agent send fake-1 "please HANG on to this job"'
  expect_rc 0 "send (first job)"
  expect_out "delivered" "send (first job)"
  # stdout into a file, as one who keeps the ids: what remains on screen is stderr.
  run_cmd 'team-agent send fake-1 "the next job, once you are free" --timeout 2 >send.out'
  expect_rc 4 "send --timeout 2 to a busy agent"
  local waiting
  waiting="$(grep -E '^waiting: fake-1 is working, queued as [^ ]+ \(Ctrl-C leaves it queued\)$' <<<"$OUT" || true)"
  [[ $(grep -c . <<<"$waiting") == 1 ]] || fail "not exactly one 'waiting:' line on stderr"
  local id
  id="$(sed -E 's/.*queued as ([^ ]+) .*/\1/' <<<"$waiting")"
  expect_out "still queued: $id" "send --timeout 2"
  grep -qF "accepted $id" "$ws/send.out" || fail "stdout does not name the accepted message $id"
  grep -q "waiting:" "$ws/send.out" && fail "the waiting line went to stdout"
  has_message_event send.submitted "$id" && fail "$id was delivered while the worker was busy"

  run_cmd "team-agent cancel fake-1"
  expect_rc 0 "cancel fake-1"
  wait_for 60 has_message_event send.submitted "$id"
  pass "send to a busy worker: one waiting line, exit 4, delivered once the worker is free"
}

# The user sends the leader a message (as fake-1) that its menu screen cannot
# take: send says it failed and why (exit 1); `inbox` shows it with its
# sender, task, text and why; `inbox --json` parses.
step_inbox() {
  run_cmd 'team-agent send leader "the build is green" --from fake-1 --task t-9'
  local id
  id="$(grep -oE '^accepted [^ ]+' <<<"$OUT" | head -n 1 | cut -d' ' -f2)"
  [[ -n "$id" ]] || fail "send did not say which message it accepted"
  expect_rc 1 "send leader (its pane shows a menu)"
  expect_out "$id → leader failed: non_input_screen" "send leader"
  wait_for 30 has_message_event leader_receiver.delivery_failed "$id"  # kept for the inbox
  run_cmd "team-agent inbox"
  expect_rc 0 inbox
  expect_out "$id  from fake-1 for t-9 (not typed into the leader pane: non_input_screen)" inbox
  expect_out "the build is green" inbox
  (cd "$ws" && "$bin" inbox --json) |
    json_check "inbox --json" "any(e['message_id'] == '$id' and e['from'] == 'fake-1' and e['text'] == 'the build is green' and e['reason'] == 'non_input_screen' for e in d['entries'])"
  pass "inbox shows what the leader's pane could not take; inbox --json parses"
}

# The user asks for the short status and the full one: one line per agent;
# the full report fits 100 columns and shows no sub-second timestamps.
step_status() {
  run_cmd "team-agent status --summary"
  expect_rc 0 "status --summary"
  [[ $(wc -l <<<"$OUT") == 2 ]] || fail "status --summary is not one line per agent"
  grep -qE '^  leader +fake ' <<<"$OUT" || fail "status --summary has no line for the leader"
  grep -qE '^  fake-1 +fake ' <<<"$OUT" || fail "status --summary has no line for fake-1"
  run_cmd "team-agent status"
  expect_rc 0 status
  local line
  while IFS= read -r line; do
    ((${#line} <= 100)) || fail "a status line is wider than 100 columns (${#line}): $line"
  done <<<"$OUT"
  grep -qE '[0-9]:[0-9]{2}\.[0-9]|[0-9]{2}\.[0-9]{6}' <<<"$OUT" && fail "status shows sub-second timestamps"
  expect_out "fake-1" status
  expect_out " by human " status  # who made the first send to the worker
  pass "status --summary is one line per agent; status fits 100 columns, times to the second"
}

# The user stops the background supervisor, runs `team-agent run` in the
# foreground and presses Ctrl-C: exit 130, the one line saying the agents
# keep running, and the agents' panes are still there.
step_run_ctrl_c() {
  run_cmd "team-agent shutdown"
  expect_rc 0 shutdown
  expect_out "stopped the supervisor (pid" shutdown
  expect_out "the agents keep running in their panes" shutdown
  supervisor_running "$ws" && fail "status still shows the supervisor running right after shutdown"
  last_event "$ws" supervisor.stopped |
    json_check "supervisor.stopped after shutdown" 'd["data"]["reason"] == "shutdown" and d["data"]["exit_code"] == 0'

  fresh_screen
  type_line "team-agent run"
  wait_for 60 on_screen "supervisor.started"  # the live event stream, in the user's pane
  wait_for 60 supervisor_running "$ws"
  # Both panes adopted and looked at (as a person waits for the stream to settle).
  wait_for 60 on_screen "pane.state_changed agent_id=leader"
  wait_for 60 on_screen "pane.state_changed agent_id=fake-1"
  outer_tmux send-keys -t "$pane" C-c
  wait_for 60 prompt_last
  local all
  all="$(screen | sed '/^$/d')"
  [[ -z "${JOURNEY_VERBOSE:-}" ]] || printf '%s\n' "$all"
  grep -qE '^\[130\] user\$$' <<<"$(tail -n 1 <<<"$all")" || fail "run did not exit 130 on Ctrl-C"
  supervisor_running "$ws" && fail "status still shows the supervisor running after Ctrl-C"
  # shellcheck disable=SC2016 # the backquotes are the product's text
  local line='supervisor stopped; agents keep running — `team-agent run` adopts them, `team-agent shutdown --kill-panes` stops them'
  (($(grep -cxF -- "$line" <<<"$all") == 1)) || fail "Ctrl-C did not print exactly one line: $line"
  local sock="${team_sockets[0]}"
  [[ $(tmux -L "$sock" list-panes -a -F '#{pane_dead}' | grep -c '^0$') == 2 ]] ||
    fail "the agents' panes did not keep running after Ctrl-C"
  last_event "$ws" supervisor.stopped | json_check "supervisor.stopped after Ctrl-C" 'd["data"]["exit_code"] == 130'
  pass "run in the foreground, Ctrl-C: exit 130, one line, the agents keep running"
}

# With no supervisor, the user ends the team: shutdown --kill-panes exits 0,
# the team's tmux server is gone, and status says so at once.
step_kill_panes() {
  run_cmd "team-agent shutdown --kill-panes"
  expect_rc 0 "shutdown --kill-panes"
  expect_out "killed the team's panes" "shutdown --kill-panes"
  tmux -L "${team_sockets[0]}" list-sessions >/dev/null 2>&1 && fail "the team's tmux server still runs"
  run_cmd "team-agent status"
  expect_rc 0 status
  grep -qE '^supervisor: not running' <<<"$OUT" || fail "status does not say the supervisor is not running"
  "$bin" -w "$ws" status --json |
    json_check "status --json" 'd["supervisor"]["running"] is False and all(a["pane_state"] == "stopped" for a in d["agents"])'
  pass "shutdown --kill-panes without a supervisor exits 0; the team's tmux is gone; status says so"
}

# Global options after the verb, an unknown flag refused, and the --json of
# init, the quick start, status and shutdown on a second team.
step_options_and_json() {
  run_cmd "cd / && team-agent status -w $ws"
  expect_rc 0 "status -w DIR"
  expect_out "supervisor: not running" "status -w DIR"
  run_cmd "team-agent status --no-such-flag -w $ws"
  expect_rc 2 "status --no-such-flag"
  expect_out "not expected: --no-such-flag" "status --no-such-flag"

  "$bin" init --leader fake --workers fake:1 --json -w "$other" |
    json_check "init --json" 'd["leader"]["provider"] == "fake" and [a["id"] for a in d["agents"]] == ["fake-1"]'
  (cd "$other" && "$bin" fake --json) |
    json_check "fake --json" 'd["created_team"] is False and d["started_supervisor"] is True and d["supervisor_pid"] > 0'
  team_sockets+=("$(team_socket_of "$other")")
  "$bin" status --json -w "$other" |
    json_check "status --json" 'd["supervisor"]["running"] is True and len(d["agents"]) == 2'
  "$bin" status --summary --json -w "$other" | json_check "status --summary --json" 'len(d["agents"]) == 2'
  "$bin" shutdown --kill-panes --json -w "$other" |
    json_check "shutdown --json" 'd["exit_code"] == 0 and d["supervisor_stopped"] and d["panes_killed"]'
  pass "-w after the verb works, an unknown flag exits 2, --json of init/fake/status/shutdown parses"
}

open_terminal
step_init_team
step_quick_start
step_peek
step_send_busy
step_inbox
step_status
step_run_ctrl_c
step_kill_panes
step_options_and_json
echo "new-user journey: all $passed steps passed in $((SECONDS - started_at))s"
