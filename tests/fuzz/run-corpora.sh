#!/usr/bin/env bash
# Runs each fuzz target over its seed corpus once: run-corpora.sh BIN_DIR CORPUS_DIR TARGET...
set -euo pipefail
bin=$1 corpus=$2
shift 2
for target in "$@"; do
  [ -d "$corpus/$target" ] || { echo "no seed corpus for $target in $corpus"; exit 1; }
  printf '%s: ' "$target"
  "$bin/$target" "$corpus/$target"
done
