#!/usr/bin/env bash
# Builds and runs every benchmark; prints their tables and collects their JSON
# records in <build>/bench-results.json. Not part of the test suite.
set -euo pipefail
build=${1:-build}
cmake --build "$build" -j2 --target team-agent bench_append bench_fold bench_follow bench_tmux \
  bench_send bench_idle bench_mcp bench_scale bench_pane_host >/dev/null
work=$(mktemp -d "${TMPDIR:-/tmp}/team-agent-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
results="$work/results.ndjson"
"$build/bench_append" "$work/append" "$results"
"$build/bench_fold" "$work/fold" "$results"
"$build/bench_follow" "$(realpath "$build/team-agent")" "$work/follow" "$results"
"$build/bench_tmux" "$work/tmux" "$results"
# BENCH_SEND_MESSAGES (default 200) and BENCH_IDLE_SECONDS (default 60) shorten these.
"$build/bench_send" "$(realpath "$build/team-agent")" "$work/send" "$results"
"$build/bench_idle" "$(realpath "$build/team-agent")" "$work/idle" "$results"
# BENCH_MCP_MESSAGES (default 300) shortens this.
"$build/bench_mcp" "$(realpath "$build/team-agent")" "$work/mcp" "$results"
# BENCH_SCALE_NS (default 1,8,32,64), BENCH_SCALE_IDLE_SECONDS (60) and
# BENCH_SCALE_MESSAGES (200) shorten this.
"$build/bench_scale" "$(realpath "$build/team-agent")" "$work/scale" "$results"
# BENCH_PANE_HOST_MESSAGES (default 200) shortens this.
"$build/bench_pane_host" "$(realpath "$build/team-agent")" "$work/pane-host" "$results"
{ echo '['; sed '$!s/$/,/' "$results"; echo ']'; } > "$build/bench-results.json"
python3 "$(dirname "$0")/plot_scale.py" "$build/bench-results.json" "$build/bench-scale.svg"
echo
echo "JSON: $build/bench-results.json"
echo "plot of cost against team size: $build/bench-scale.svg"
