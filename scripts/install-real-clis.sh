#!/usr/bin/env bash
# Installs the agent CLIs that the real-CLI test tier (tests/real/) runs, at the
# exact versions pinned in scripts/real-clis/package.json and its lock file,
# into the project-local prefix .deps/npm (git-ignored):
#   .deps/npm/node_modules/.bin/{claude,codex}, and @modelcontextprotocol/sdk.
#
# Idempotent: when the pinned versions are already there it reads their
# package.json files and touches no network. It never fails the build: when
# something cannot be installed it writes the reason to .deps/npm/SKIPPED,
# which the tier prints as `SKIPPED real-CLI tier: <reason>`, and exits 0.
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
pins="$root/scripts/real-clis"
prefix="${TEAM_AGENT_REAL_CLI_PREFIX:-$root/.deps/npm}"
skipped="$prefix/SKIPPED"
log="$prefix/install.log"

say() { echo "install-real-clis: $*"; }

skip() {
  mkdir -p "$prefix"
  printf '%s\n' "$*" >"$skipped"
  say "not installed: $*" >&2
  exit 0
}

# Whether the prefix was installed from this lock file, every pinned package
# is there at its pinned version, and Claude's native binary is in place of
# the stub its package ships (see below).
pins_present() {
  cmp -s "$pins/package-lock.json" "$prefix/package-lock.json" || return 1
  node - "$pins/package.json" "$prefix" <<'JS' 2>/dev/null
const fs = require('fs');
const path = require('path');
const [pinsFile, prefix] = process.argv.slice(2);
const deps = JSON.parse(fs.readFileSync(pinsFile, 'utf8')).dependencies;
for (const [name, version] of Object.entries(deps)) {
  const manifest = path.join(prefix, 'node_modules', name, 'package.json');
  if (JSON.parse(fs.readFileSync(manifest, 'utf8')).version !== version) process.exit(1);
}
const claude = path.join(prefix, 'node_modules/@anthropic-ai/claude-code/bin/claude.exe');
if (fs.statSync(claude).size < 4096) process.exit(1);
JS
}

# `<cli> --version` in a throwaway HOME, so that nothing is written to the user's.
version_of() {
  local home status
  home="$(mktemp -d)"
  HOME="$home" CODEX_HOME="$home/.codex" CLAUDE_CONFIG_DIR="$home" \
    timeout 30 "$prefix/node_modules/.bin/$1" --version 2>/dev/null | head -n 1
  status=${PIPESTATUS[0]}
  rm -rf "$home"
  return "$status"
}

command -v node >/dev/null 2>&1 || skip "node is not installed (apt-get install nodejs)"
command -v npm >/dev/null 2>&1 || skip "npm is not installed (apt-get install npm)"

if pins_present; then
  rm -f "$skipped"
  say "pinned CLIs present in ${prefix#"$root"/}"
  exit 0
fi

say "installing the pinned CLIs into ${prefix#"$root"/} (npm ci; a few hundred MB)"
mkdir -p "$prefix"
cp "$pins/package.json" "$pins/package-lock.json" "$prefix/"
if ! (cd "$prefix" && timeout 900 npm ci --no-audit --no-fund) >"$log" 2>&1; then
  skip "npm ci failed in ${prefix#"$root"/} ($(grep -m1 -i 'err' "$log" || tail -n 1 "$log")); see $log"
fi

# @anthropic-ai/claude-code ships bin/claude.exe as a shell stub that only
# prints an error; its postinstall script (install.cjs) links the native
# binary of the matching optional package over it. npm runs that script by
# default, but not under --ignore-scripts or a policy that holds install
# scripts back, so it is run here when the stub is still in place.
claude_pkg="$prefix/node_modules/@anthropic-ai/claude-code"
if [ "$(stat -c %s "$claude_pkg/bin/claude.exe" 2>/dev/null || echo 0)" -lt 4096 ]; then
  (cd "$claude_pkg" && node install.cjs) >>"$log" 2>&1 ||
    skip "Claude Code's native binary could not be put in place (node install.cjs failed); see $log"
fi

claude_version="$(version_of claude)" || skip "the installed claude does not run: $claude_version"
codex_version="$(version_of codex)" || skip "the installed codex does not run: $codex_version"
pins_present || skip "npm ci did not leave the pinned versions in ${prefix#"$root"/}; see $log"
rm -f "$skipped"
say "installed claude $claude_version, $codex_version"
