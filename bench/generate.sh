#!/usr/bin/env bash
# Creates a benchmark database through the product's own write paths (CLI and HTTP API, no raw SQL):
#   an admin user, the Hoàn Kiếm 2025 merger table (danvan import units), then N more units
#   (a few provinces, districts under them, communes under those) posted to /api/v1/units.
#
# usage: bench/generate.sh DBPATH [N]     (N defaults to 10000; the file must not exist yet)
# env:   BENCH_GEN_CONCURRENCY  requests in flight while writing (default 8)
#        BENCH_MERGER_TSV       the merger table (default: the one the project ships, src/services/demo/)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $# -ge 1 ]] || die "usage: bench/generate.sh DBPATH [N]"
db=$1
n=${2:-10000}
[[ $n =~ ^[0-9]+$ && $n -ge 3 ]] || die "N must be a whole number, at least 3"
[[ -e $db ]] && die "$db exists already: remove it (and its -wal/-shm files) to generate it again"
need_danvan
command -v node >/dev/null || die "node is needed to post the units (bench/generate.mjs)"
mkdir -p "$(dirname "$db")"
merger=${BENCH_MERGER_TSV:-$ROOT_DIR/src/services/demo/hoan-kiem-2025-merger.tsv}
[[ -r $merger ]] || die "the merger table $merger is missing (set BENCH_MERGER_TSV)"

started=$(now_ns)
tmp=$(mktemp -d)
trap 'stop_danvan; rm -rf "$tmp"' EXIT

# Partial output would look like a finished database: build it under a temporary name.
work_db="$db.partial"
rm -f "$work_db" "$work_db-wal" "$work_db-shm"

"$DANVAN" user add --admin admin --db "sqlite:$work_db" >"$tmp/user.txt" 2>>"$tmp/cli.log" ||
  { cat "$tmp/cli.log" >&2; die "danvan user add failed"; }
"$DANVAN" import units "$merger" --db "sqlite:$work_db" \
  2>>"$tmp/cli.log" || { cat "$tmp/cli.log" >&2; die "danvan import units failed"; }
token=$("$DANVAN" token issue admin --db "sqlite:$work_db" 2>>"$tmp/cli.log") ||
  { cat "$tmp/cli.log" >&2; die "danvan token issue failed"; }

start_danvan "$work_db" "$tmp/server.log" --set log.access=false
node "$BENCH_DIR/generate.mjs" "http://127.0.0.1:$DV_PORT" "$token" "$n" "${BENCH_GEN_CONCURRENCY:-8}"
stop_danvan

# The server checkpoints on close; move the finished file (and any WAL left) into place.
for suffix in "" -wal -shm; do
  [[ -e $work_db$suffix ]] && mv "$work_db$suffix" "$db$suffix"
done
echo "generated $db: the merger table and $n more units in $(( ($(now_ns) - started) / 1000000 )) ms"
