#!/usr/bin/env bash
# The MCP conformance test: the official TypeScript SDK client (installed by
# scripts/install-real-clis.sh into .deps/npm, pinned in
# scripts/real-clis/package.json) drives `team-agent mcp` (conformance.mjs).
# Without node or the SDK it prints one SKIPPED line and exits 77 (ctest:
# skipped), never a silent pass.
#
# usage: conformance.sh TEAM_AGENT_BIN NPM_PREFIX   ($TEAM_AGENT_REAL_CLI_PREFIX overrides the prefix)
set -uo pipefail
bin="$1"
prefix="${TEAM_AGENT_REAL_CLI_PREFIX:-$2}"
here="$(cd "$(dirname "$0")" && pwd)"
sdk="$prefix/node_modules/@modelcontextprotocol/sdk"

skip() {
  echo "SKIPPED MCP conformance test: $*"
  exit 77
}
command -v node >/dev/null 2>&1 || skip "node is not installed (apt-get install nodejs)"
[[ -f "$sdk/package.json" ]] ||
  skip "@modelcontextprotocol/sdk is not installed in $prefix (run scripts/install-real-clis.sh)"

ws="$(mktemp -d "${TMPDIR:-/tmp}/team-agent-mcp-conformance-XXXXXX")"
trap 'rm -rf "$ws"' EXIT
"$bin" --workspace "$ws" init --demo >/dev/null || { echo "team-agent init --demo failed"; exit 1; }
node "$here/conformance.mjs" "$bin" "$ws" "$sdk"
