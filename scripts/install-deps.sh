#!/usr/bin/env bash
# Installs the Debian packages team-agent needs to build, test and run, then
# the pinned agent CLIs of the real-CLI test tier (scripts/install-real-clis.sh).
# Idempotent: when everything is already installed it changes nothing and
# does not touch the network.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"

packages=(
  build-essential cmake pkg-config
  libcaf-dev nlohmann-json3-dev libsqlite3-dev libspdlog-dev
  doctest-dev libcli11-dev libpcre2-dev tmux
  # The new-user journey test (tests/journey) checks every --json output with it.
  python3
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
# Node and npm only run the real-CLI tier, so they are looked for as commands
# (a machine may have them from elsewhere than Debian's packages) and a failed
# install of them is not fatal: that tier then says it was skipped.
node_missing=()
command -v node >/dev/null 2>&1 || node_missing+=(nodejs)
command -v npm >/dev/null 2>&1 || node_missing+=(npm)

sudo=()
if [ $((${#missing[@]} + ${#node_missing[@]})) -gt 0 ] && [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  elif [ ${#missing[@]} -gt 0 ]; then
    echo "install-deps: need root to install: ${missing[*]}; rerun as root or install sudo." >&2
    exit 1
  else
    echo "install-deps: need root to install ${node_missing[*]}; the real-CLI tier will be skipped." >&2
    node_missing=()
  fi
fi

# apt's own output goes to a log, shown when it fails: a first run prints
# one line per package set, not hundreds.
apt_log="${TMPDIR:-/tmp}/team-agent-apt.log"
apt_install() {
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" \
    >"$apt_log" 2>&1 || { tail -n 30 "$apt_log" >&2; return 1; }
}

if [ $((${#missing[@]} + ${#node_missing[@]})) -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present, and node and npm"
else
  # Fatal only when a package the build needs is missing.
  "${sudo[@]}" apt-get update -qq >"$apt_log" 2>&1 || [ ${#missing[@]} -eq 0 ] ||
    { tail -n 30 "$apt_log" >&2; exit 1; }
  if [ ${#missing[@]} -gt 0 ]; then
    echo "install-deps: installing ${missing[*]}"
    apt_install "${missing[@]}"
  fi
  if [ ${#node_missing[@]} -gt 0 ]; then
    echo "install-deps: installing ${node_missing[*]}"
    apt_install "${node_missing[@]}" ||
      echo "install-deps: could not install ${node_missing[*]}; the real-CLI tier will be skipped" >&2
  fi
fi

# Never fails: a CLI that cannot be installed makes its test tier say so.
bash "$here/install-real-clis.sh"
