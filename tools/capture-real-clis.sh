#!/usr/bin/env bash
# Captures the screens of the installed real CLIs (Claude Code, Codex) so the
# screen classifiers can be checked against a new release:
#   splash frames, trust prompt (default selection, moved selection, git
#   subdirectory, narrow pane), API-key confirmation, idle, pasted (short,
#   long placeholder, multi-line), the frames after a submit (offline: a
#   working spinner, then retry/reconnect countdowns), the final API error,
#   exited (shell prompt after the CLI quit).
#
# Each CLI runs in a PRIVATE tmux server with a fresh temp HOME /
# CLAUDE_CONFIG_DIR / CODEX_HOME and fake keys; nothing of the user's is read
# or touched. No network to the providers is needed (a submit ends in a
# network error, which is what we want to capture).
#
# Usage: tools/capture-real-clis.sh [--claude BIN] [--codex BIN] [--out DIR]
#                                   [--only claude|codex] [--no-final]
#   BIN defaults: $CLAUDE_BIN / $CODEX_BIN, else .deps/npm/node_modules/.bin/<cli>
#   in the project, else the first on PATH.
#   DIR default: tests/fixtures/captures; files go to DIR/<cli>-<version>/.
#   --no-final skips waiting (minutes) for Claude's final "API Error" screen.
#
# Output per screen: NAME.txt (capture-pane -p) and, for the key screens,
# NAME_ansi.txt (capture-pane -p -e). Frame series are NAME_fNN.txt (only the
# frames that changed). manifest.tsv lists file, pane width and workspace.
set -euo pipefail
export LC_ALL=C.UTF-8

here=$(cd "$(dirname "$0")/.." && pwd)
claude_bin=${CLAUDE_BIN:-}
codex_bin=${CODEX_BIN:-}
out_root="$here/tests/fixtures/captures"
only=""
want_final=1

while [ $# -gt 0 ]; do
  case "$1" in
    --claude) claude_bin=$2; shift 2 ;;
    --codex) codex_bin=$2; shift 2 ;;
    --out) out_root=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --no-final) want_final=0; shift ;;
    -h|--help) sed -n '2,27p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

find_bin() {  # find_bin NAME GIVEN
  local name=$1 given=$2
  if [ -n "$given" ]; then echo "$given"; return; fi
  if [ -x "$here/.deps/npm/node_modules/.bin/$name" ]; then
    echo "$here/.deps/npm/node_modules/.bin/$name"; return
  fi
  command -v "$name" || true
}
claude_bin=$(find_bin claude "$claude_bin")
codex_bin=$(find_bin codex "$codex_bin")

# ---------------------------------------------------------------- plumbing

log() { printf '[capture] %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# A fixed scratch root keeps the paths in the captures the same from run to
# run (a random one would change where narrow panes wrap them).
scratch=/tmp/ta-capture
if [ -e "$scratch" ]; then
  pgrep -f "$scratch/" >/dev/null && die "another capture is running (processes under $scratch)"
  rm -rf "$scratch"
fi
mkdir -p "$scratch"
# The server's socket lives in the scratch tree, so nothing of it outlives the run.
T=(tmux -S "$scratch/tmux.sock" -f /dev/null)
FAKE_OPENAI_KEY="sk-proj-FAKE-not-a-real-key-0000000000000000"
FAKE_ANTHROPIC_KEY="sk-ant-FAKE-not-a-real-key-00000000000000"
PS1_NEUTRAL='tester@box:\w$ '

cleanup() {
  "${T[@]}" kill-server 2>/dev/null || true
  # Codex leaves an app-server daemon (and Claude a helper) under PID 1 that
  # ignores SIGTERM; everything we started names the scratch dir.
  pkill -KILL -f "$scratch" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT
trap "exit 130" INT TERM   # so the EXIT trap cleans up on a signal too


# start SESSION WIDTH HEIGHT CWD HOME CMD... : one pane, clean environment.
start() {
  local s=$1 w=$2 h=$3 cwd=$4 home=$5; shift 5
  mkdir -p "$cwd" "$home/.codex"   # Codex refuses a CODEX_HOME that does not exist
  "${T[@]}" new-session -d -s "$s" -x "$w" -y "$h" -c "$cwd" \
    env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$home" CLAUDE_CONFIG_DIR="$home" \
    CODEX_HOME="$home/.codex" TERM=tmux-256color LANG=C.UTF-8 USER=tester "$@"
  "${T[@]}" set-option -t "$s" remain-on-exit on >/dev/null
}

screen() { "${T[@]}" capture-pane -p -t "$1" 2>/dev/null || true; }

# wait_for SESSION REGEX SECONDS : until the screen matches (grep -E), or fail.
wait_for() {
  local s=$1 re=$2 secs=$3 deadline
  deadline=$(( $(date +%s%N) / 1000000 + secs * 1000 ))
  while :; do
    if screen "$s" | grep -qaE -- "$re"; then return 0; fi
    if [ "$(( $(date +%s%N) / 1000000 ))" -ge "$deadline" ]; then
      log "timeout after ${secs}s waiting for /$re/ in $s; last screen:"
      screen "$s" | grep -av '^ *$' | tail -15 >&2
      return 1
    fi
    sleep 0.1
  done
}

# wait_gone SESSION REGEX SECONDS : until the screen no longer matches.
wait_gone() {
  local s=$1 re=$2 secs=$3 deadline
  deadline=$(( $(date +%s%N) / 1000000 + secs * 1000 ))
  while screen "$s" | grep -qaE -- "$re"; do
    if [ "$(( $(date +%s%N) / 1000000 ))" -ge "$deadline" ]; then
      log "timeout after ${secs}s waiting for /$re/ to leave $s"
      return 1
    fi
    sleep 0.1
  done
}

# clear_composer SESSION GONE_REGEX : Ctrl+C clears a composer that holds
# text (on an EMPTY one Codex quits, and Claude arms its "Press Ctrl-C again
# to exit", which a second Ctrl+C within ~1 s would honour: wait it out).
clear_composer() {
  "${T[@]}" send-keys -t "$1" C-c
  wait_gone "$1" "$2" 10
  wait_gone "$1" 'again to exit' 10
}

manifest() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$out/manifest.tsv"; }

# cap SESSION NAME WORKSPACE [ansi] : NAME.txt (and NAME_ansi.txt).
cap() {
  local s=$1 name=$2 ws=$3 ansi=${4:-}
  local w; w=$("${T[@]}" display-message -p -t "$s" '#{pane_width}')
  "${T[@]}" capture-pane -p -t "$s" >"$out/$name.txt"
  manifest "$name.txt" "$w" "$ws"
  if [ -n "$ansi" ]; then
    "${T[@]}" capture-pane -p -e -t "$s" >"$out/${name}_ansi.txt"
    manifest "${name}_ansi.txt" "$w" "$ws"
  fi
  log "captured $name"
}

# frames SESSION NAME WORKSPACE STOP_REGEX SECONDS MAX : every changed
# non-blank frame until STOP_REGEX shows (that frame included) or SECONDS
# pass, at most MAX frames kept (the last one always).
frames() {
  local s=$1 name=$2 ws=$3 stop=$4 secs=$5 max=$6
  local prev="" n=0 deadline cur w
  w=$("${T[@]}" display-message -p -t "$s" '#{pane_width}')
  deadline=$(( $(date +%s%N) / 1000000 + secs * 1000 ))
  while :; do
    cur=$(screen "$s")
    if [ "$cur" != "$prev" ] && printf '%s' "$cur" | grep -qa '[^[:space:]]'; then
      n=$((n + 1))
      local f; f=$(printf '%s_f%02d.txt' "$name" "$n")
      [ "$n" -gt "$max" ] && f=$(printf '%s_f%02d.txt' "$name" "$max")
      printf '%s\n' "$cur" >"$out/$f"
      [ "$n" -le "$max" ] && manifest "$f" "$w" "$ws"
      prev=$cur
    fi
    if [ -n "$stop" ] && printf '%s' "$cur" | grep -qaE -- "$stop"; then break; fi
    [ "$(( $(date +%s%N) / 1000000 ))" -ge "$deadline" ] && break
    sleep 0.1
  done
  log "kept $(( n < max ? n : max )) frame(s) of $name"
}

# press_until SESSION KEY REGEX : sends KEY until the screen matches REGEX
# (a TUI can draw a screen a moment before it reads keys for it), 3 tries
# of 5 s each.
press_until() {
  local s=$1 key=$2 re=$3 try
  for try in 1 2 3; do
    "${T[@]}" send-keys -t "$s" "$key"
    wait_for "$s" "$re" 5 2>/dev/null && return 0
  done
  log "no /$re/ in $s after pressing $key 3 times"
  return 1
}

paste_text() {  # paste_text SESSION TEXT : bracketed paste, like a terminal
  printf '%s' "$2" | "${T[@]}" load-buffer -b ta-capture -
  "${T[@]}" paste-buffer -p -d -b ta-capture -t "$1"
}

kill_session() {
  "${T[@]}" kill-session -t "$1" 2>/dev/null || true
  pkill -KILL -f "$scratch/$1" 2>/dev/null || true
}

long_text() {  # 1100 characters on one line
  local unit='Please review the supervisor module and summarise how it recognises the screens of each coding CLI in detail '
  local s=""
  while [ ${#s} -lt 1100 ]; do s+=$unit; done
  printf '%s' "${s:0:1100}"
}
multi_text() {
  local i
  for i in 1 2 3 4 5; do
    printf 'Line %d: this is line number %d of a five line pasted message.' "$i" "$i"
    [ "$i" -lt 5 ] && printf '\n'
  done
}
SHORT='Say hello in one word. [team-agent-token:msg_0123456789ab]'

# ---------------------------------------------------------------- Claude

claude_home() {  # claude_home DIR VERSION [trusted-ws...] : onboarding done
  local dir=$1 version=$2; shift 2
  mkdir -p "$dir"
  python3 - "$dir/.claude.json" "$version" "$FAKE_ANTHROPIC_KEY" "$@" <<'EOF'
import json, sys
path, version, key, *trusted = sys.argv[1:]
cfg = {"hasCompletedOnboarding": True, "theme": "dark", "lastOnboardingVersion": version}
if trusted:
    cfg["customApiKeyResponses"] = {"approved": [key[-20:]], "rejected": []}
    cfg["projects"] = {ws: {"hasTrustDialogAccepted": True} for ws in trusted}
json.dump(cfg, open(path, "w"))
EOF
}

CLAUDE_COMPOSER=$'^❯\u00a0'     # live composer: ❯ + NBSP (history lines use a space)
CLAUDE_READY='(for shortcuts|for agents|/effort)'

capture_claude() {
  local bin=$1 version=$2 root="$scratch/claude"
  local run=(env ANTHROPIC_API_KEY="$FAKE_ANTHROPIC_KEY" "$bin")
  mkdir -p "$root"

  # Trust prompt, key question, idle, pastes, submit, retries, final error.
  local ws="$root/ws-trust" home="$root/home-main"
  claude_home "$home" "$version"
  start cl 120 40 "$ws" "$home" "${run[@]}"
  frames cl splash "$ws" 'Enter to confirm' 30 8
  cap cl trust_prompt_default "$ws" ansi
  "${T[@]}" send-keys -t cl Down
  wait_for cl '❯ Yes, I trust' 10
  cap cl trust_prompt_moved "$ws" ansi
  "${T[@]}" send-keys -t cl Enter
  wait_for cl 'Do you want to use this API key' 20
  cap cl api_key_confirm "$ws" ansi
  "${T[@]}" send-keys -t cl Up
  wait_for cl '❯ Yes' 10
  "${T[@]}" send-keys -t cl Enter
  frames cl startup "$ws" "$CLAUDE_READY" 30 8
  wait_for cl "$CLAUDE_COMPOSER" 30
  cap cl idle "$ws" ansi
  # Notices a CLI prints some time after start (offline: "Remote managed
  # settings failed to load"); captured whether or not one came.
  wait_for cl '(failed to load|⚠)' 8 2>/dev/null || true
  cap cl idle_later "$ws"

  paste_text cl "$SHORT"
  wait_for cl 'msg_0123456789ab' 10
  cap cl pasted_short "$ws" ansi
  clear_composer cl 'msg_0123456789ab'
  paste_text cl "$(long_text)"
  wait_for cl '\[Pasted text' 10
  cap cl pasted_long "$ws" ansi
  clear_composer cl '^❯.\[Pasted text'
  paste_text cl "$(multi_text)"
  wait_for cl '\[Pasted text|Line 5:' 10
  cap cl pasted_multiline "$ws"
  clear_composer cl '^❯.(\[Pasted text|Line)'

  paste_text cl "$SHORT"
  wait_for cl 'msg_0123456789ab' 10
  "${T[@]}" send-keys -t cl Enter
  frames cl after_submit "$ws" 'attempt 4/10' 60 30
  cap cl retrying "$ws" ansi
  if [ "$want_final" = 1 ]; then
    log "waiting (minutes) for Claude to give up retrying"
    wait_for cl '(API Error|✻ [[:alpha:]]+ed for)' 600
    cap cl api_error_final "$ws" ansi
  fi
  kill_session cl

  # Narrow pane, long workspace path.
  ws="$root/ws-claude-narrow-long-directory-name-to-force-wrapping/project-alpha"
  home="$root/home-narrow"
  claude_home "$home" "$version"
  start cn 60 30 "$ws" "$home" "${run[@]}"
  wait_for cn 'Enter to confirm' 30
  cap cn trust_prompt_narrow "$ws" ansi
  kill_session cn

  # A subdirectory of a git repository: which folder does it ask about?
  ws="$root/repo/sub"
  home="$root/home-subdir"
  mkdir -p "$ws" && git -C "$root/repo" init -q
  claude_home "$home" "$version"
  start cs 120 40 "$ws" "$home" "${run[@]}"
  wait_for cs 'Enter to confirm' 30
  cap cs trust_prompt_subdir "$ws"
  kill_session cs

  # Exited: started from a shell, two Ctrl+C, the shell prompt returns.
  ws="$root/ws-exit"
  home="$root/home-exit"
  claude_home "$home" "$version" "$ws"
  start ce 120 40 "$ws" "$home" env PS1="$PS1_NEUTRAL" ANTHROPIC_API_KEY="$FAKE_ANTHROPIC_KEY" \
    PATH="$(dirname "$bin"):/usr/local/bin:/usr/bin:/bin" bash --norc --noprofile
  wait_for ce 'tester@box' 10
  "${T[@]}" send-keys -t ce -l "$(basename "$bin")"
  "${T[@]}" send-keys -t ce Enter
  wait_for ce "$CLAUDE_COMPOSER" 40
  cap ce idle_pretrusted "$ws"
  # Offline, a startup notice follows after a while (managed settings).
  if wait_for ce 'failed to load' 30; then cap ce startup_notice "$ws" ansi; fi
  "${T[@]}" send-keys -t ce C-c
  wait_for ce 'again to exit' 10
  cap ce ctrl_c_once "$ws"
  wait_gone ce 'again to exit' 10
  # A second Ctrl+C must come within ~1 s of the first; /exit is certain.
  "${T[@]}" send-keys -t ce -l '/exit'
  wait_for ce '^❯./exit' 10
  "${T[@]}" send-keys -t ce Enter
  wait_for ce 'tester@box:[^$]*\$ *$' 20
  cap ce exited "$ws" ansi
  kill_session ce
}

# ---------------------------------------------------------------- Codex

codex_login() {  # codex_login HOME : saves the fake key (offline)
  mkdir -p "$1/.codex"
  printf '%s' "$FAKE_OPENAI_KEY" | env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$1" \
    CODEX_HOME="$1/.codex" LANG=C.UTF-8 "$codex_bin" login --with-api-key >/dev/null 2>&1 ||
    die "codex login --with-api-key failed"
}

CODEX_MODEL_FOOTER='^  [^ ].* · /'   # "  gpt-… default · /path"
CODEX_COMPOSER='^› '

capture_codex() {
  local bin=$1 version=$2 root="$scratch/codex"
  mkdir -p "$root"

  # Sign-in screens: empty CODEX_HOME with OPENAI_API_KEY set.
  local ws="$root/ws-login" home="$root/home-login"
  start xl 120 40 "$ws" "$home" env OPENAI_API_KEY="$FAKE_OPENAI_KEY" "$bin"
  wait_for xl 'Sign in with' 60
  cap xl login "$ws" ansi
  press_until xl Down '^> 2\.'
  press_until xl Down '^> 3\.'         # "Sign in another way"
  press_until xl Enter 'OpenAI API key'
  cap xl login_other_methods "$ws"
  press_until xl Enter '(Detected OPENAI_API_KEY|[Pp]ress enter to save)'
  cap xl api_key_confirm "$ws" ansi
  kill_session xl

  # Trust prompt in a git repository, then idle, pastes, submit, reconnects.
  ws="$root/repo-main"
  home="$root/home-main"
  mkdir -p "$ws" && git -C "$ws" init -q
  codex_login "$home"
  start xm 120 40 "$ws" "$home" "$bin"
  frames xm splash "$ws" 'Trust this folder' 60 12
  cap xm trust_prompt_default "$ws" ansi
  "${T[@]}" send-keys -t xm Down
  wait_for xm '^› 2\.' 10
  cap xm trust_prompt_moved "$ws" ansi
  "${T[@]}" send-keys -t xm Up
  wait_for xm '^› 1\.' 10
  "${T[@]}" send-keys -t xm Enter
  frames xm after_trust "$ws" "$CODEX_MODEL_FOOTER" 60 10
  cap xm idle "$ws" ansi

  paste_text xm "$SHORT"
  wait_for xm 'msg_0123456789ab' 10
  cap xm pasted_short "$ws" ansi
  clear_composer xm 'msg_0123456789ab'
  paste_text xm "$(long_text)"
  wait_for xm '\[Pasted Content' 10
  cap xm pasted_long "$ws" ansi
  clear_composer xm '\[Pasted Content'
  paste_text xm "$(multi_text)"
  wait_for xm 'Line 5:' 10
  cap xm pasted_multiline "$ws"
  clear_composer xm 'Line 5:'

  paste_text xm "$SHORT"
  wait_for xm 'msg_0123456789ab' 10
  "${T[@]}" send-keys -t xm Enter
  frames xm after_submit "$ws" 'waiting for network' 90 30
  cap xm reconnecting_waiting "$ws" ansi
  kill_session xm

  # Subdirectory of a git repository.
  ws="$root/repo-sub/packages/app"
  home="$root/home-subdir"
  mkdir -p "$ws" && git -C "$root/repo-sub" init -q
  codex_login "$home"
  start xs 120 40 "$ws" "$home" "$bin"
  wait_for xs 'Trust this folder' 60
  cap xs trust_prompt_subdir "$ws" ansi
  kill_session xs

  # Narrow pane, long path.
  ws="$root/repo-narrow-long-directory-name-to-force-wrapping/project-alpha"
  home="$root/home-narrow"
  mkdir -p "$ws" && git -C "$ws" init -q
  codex_login "$home"
  start xn 60 30 "$ws" "$home" "$bin"
  wait_for xn 'Trust this' 60
  cap xn trust_prompt_narrow "$ws" ansi
  kill_session xn

  # Exited: from a shell, pre-trusted, one Ctrl+C on the empty composer.
  ws="$root/repo-exit"
  home="$root/home-exit"
  mkdir -p "$ws" && git -C "$ws" init -q
  codex_login "$home"
  printf '[projects."%s"]\ntrust_level = "trusted"\n' "$ws" >>"$home/.codex/config.toml"
  start xe 120 40 "$ws" "$home" env PS1="$PS1_NEUTRAL" \
    PATH="$(dirname "$bin"):/usr/local/bin:/usr/bin:/bin" bash --norc --noprofile
  wait_for xe 'tester@box' 10
  "${T[@]}" send-keys -t xe -l "$(basename "$bin")"
  "${T[@]}" send-keys -t xe Enter
  wait_for xe "$CODEX_MODEL_FOOTER" 60
  "${T[@]}" send-keys -t xe C-c
  wait_for xe 'tester@box:[^$]*\$ *$' 20
  cap xe exited "$ws" ansi
  kill_session xe
}

# ---------------------------------------------------------------- checks

# Nothing secret-looking may be committed: only our fake keys, and those
# only where the CLI itself shows them.
check_no_secrets() {
  local hits
  hits=$(grep -raoE 'sk-[A-Za-z0-9_-]{12,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{20,}|xox[abpr]-[A-Za-z0-9-]{10,}|Bearer [A-Za-z0-9._-]{20,}' "$out" |
    grep -v 'FAKE-not-a-real-key' || true)
  [ -z "$hits" ] || die "secret-looking text in the captures: $hits"
  if grep -rqaF "$HOME" "$out" && [ "$HOME" != / ]; then
    log "note: the real \$HOME ($HOME) appears in a capture; check it"
  fi
}

version_of() {  # the first x.y.z in `BIN --version`
  env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$scratch/v" "$1" --version 2>/dev/null |
    grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1
}

run_one() {  # run_one CLI BIN
  local cli=$1 bin=$2 version
  [ -n "$bin" ] && [ -x "$bin" ] || die "no $cli binary (give --$cli BIN or ${cli^^}_BIN)"
  version=$(version_of "$bin")
  [ -n "$version" ] || die "cannot read the version of $bin"
  out="$out_root/$cli-$version"
  rm -rf "$out" && mkdir -p "$out"
  printf 'file\tpane_width\tworkspace\n' >"$out/manifest.tsv"
  log "$cli $version from $bin -> $out"
  "capture_$cli" "$bin" "$version"
  check_no_secrets
  log "$cli done: $(ls "$out" | wc -l) files"
}

[ -z "$only" ] || [ "$only" = claude ] && run_one claude "$claude_bin"
[ -z "$only" ] || [ "$only" = codex ] && run_one codex "$codex_bin"
exit 0
