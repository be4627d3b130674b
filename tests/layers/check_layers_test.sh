#!/usr/bin/env bash
# The layer check passes on the tree as it is, and fails, naming the file,
# line and rule, on each class of crossing: an upward include, a test
# helper included by product code, and a third-party header outside its layer.
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
bash "$src/scripts/check-layers.sh" "$src"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
expect_refused() {  # folder file text pattern
  rm -rf "$tmp/tree" && mkdir -p "$tmp/tree"
  cp "$src/layers.txt" "$tmp/tree/"
  for d in $(grep -oE '^[a-z_]+' "$src/layers.txt"); do mkdir -p "$tmp/tree/$d"; done
  printf '%s\n' "$3" > "$tmp/tree/$1/$2"
  if out="$(bash "$src/scripts/check-layers.sh" "$tmp/tree" 2>&1)"; then
    echo "FAIL: '$3' in $1/$2 was accepted"; exit 1
  fi
  grep -q -- "$4" <<<"$out" || { echo "FAIL: unexpected message: $out"; exit 1; }
}
expect_refused store x.h '#include "actors/supervisor.h"' 'store/x.h:1: includes actors/'
expect_refused config y.cc '  #  include "terminal/screen.h"' 'config/y.cc:1: includes terminal/'
expect_refused util z.h '#include "tests/support/temp_dir.h"' 'util/z.h:1: includes tests/'
expect_refused terminal t.cc '#include <caf/all.hpp>' 'terminal/t.cc:1: includes <caf/all.hpp>'
expect_refused actors a.cc '#include <sqlite3.h>' 'actors/a.cc:1: includes <sqlite3.h>'
# A unit test may use the shared test support; product code next to it may not.
rm -rf "$tmp/tree" && mkdir -p "$tmp/tree/util" && cp "$src/layers.txt" "$tmp/tree/"
echo '#include "tests/support/temp_dir.h"' > "$tmp/tree/util/z_test.cc"
bash "$src/scripts/check-layers.sh" "$tmp/tree"
echo "check-layers: all cases behave"
