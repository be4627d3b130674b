#!/usr/bin/env bash
# Fails when an #include crosses the layers of layers.txt: a folder may
# include its own headers and those of the folders listed for it, a unit test
# (foo_test.cc) also the shared test support under tests/, and third-party
# headers only where they belong (CAF from actors up, SQLite in store,
# CLI11 in cli). Prints one line per offending include.
#
# usage: check-layers.sh [SOURCE_DIR]
set -euo pipefail
root="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
cd "$root"

declare -A uses
folders=()
while IFS= read -r line; do
  [[ "$line" =~ ^([a-z_]+):[[:space:]]*(.*)$ ]] || continue
  folders+=("${BASH_REMATCH[1]}")
  uses["${BASH_REMATCH[1]}"]=" ${BASH_REMATCH[1]} ${BASH_REMATCH[2]} "
done < layers.txt

# Third-party headers: prefix -> the folders whose own code may include them
# (a folder above one of these reaches the library through its interface).
declare -A third_party=(
  ["caf/"]=" actors ops supervisor cli "
  ["sqlite3.h"]=" store "
  ["CLI/"]=" cli "
)

bad=0
for dir in "${folders[@]}"; do
  [[ -d "$dir" ]] || continue
  for file in "$dir"/*.h "$dir"/*.cc; do
    [[ -e "$file" ]] || continue
    allowed="${uses[$dir]}"
    [[ "$file" == *_test.cc ]] && allowed+="tests "
    lineno=0
    while IFS= read -r text; do
      lineno=$((lineno + 1))
      if [[ "$text" =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\"([a-z_]+)/ ]]; then
        target="${BASH_REMATCH[1]}"
        if [[ "$allowed" != *" $target "* ]]; then
          echo "$file:$lineno: includes $target/, but $dir may use only:${uses[$dir]}(layers.txt)" >&2
          bad=1
        fi
      elif [[ "$text" =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\<([^>]+)\> ]]; then
        header="${BASH_REMATCH[1]}"
        for prefix in "${!third_party[@]}"; do
          [[ "$header" == "$prefix"* ]] || continue
          [[ "$file" == *_test.cc && "$prefix" == "caf/" ]] && continue
          if [[ "${third_party[$prefix]}" != *" $dir "* ]]; then
            echo "$file:$lineno: includes <$header>, which belongs to:${third_party[$prefix]}only" >&2
            bad=1
          fi
        done
      fi
    done < "$file"
  done
done

if [[ $bad -ne 0 ]]; then
  echo "check-layers: an include crosses the layers; move the code down or the include up (see docs/architecture.md)" >&2
  exit 1
fi
