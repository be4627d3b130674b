#!/usr/bin/env bash
# Installs the Debian packages team-agent needs to build, test and run.
# Idempotent: when everything is already installed it changes nothing and
# does not touch the network.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libcaf-dev nlohmann-json3-dev libsqlite3-dev libspdlog-dev
  doctest-dev libcli11-dev libpcre2-dev tmux
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "install-deps: need root to install: ${missing[*]}; rerun as root or install sudo." >&2
    exit 1
  fi
fi

echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
