#!/usr/bin/env bash
# User-space instructions per request of GET /api/v1/units/{id}, counted by valgrind's callgrind: the same
# measurement as compare.sh's endpoint, but deterministic (±0.2 % between runs), so a change of a few per cent
# in danvan's own work shows, which req/s on a shared 2-core machine (±15 %) hides. Kernel time (system calls,
# TCP, wake-ups) is not counted: compare.sh remains the judge of the budget. docs/performance.md has results.
#
# usage: bench/instructions.sh [--set key=value ...]     (extra settings for 'danvan serve')
# env:   BENCH_DB        database (default bench/.data/bench.db; generated if missing)
#        BENCH_REQUESTS  requests counted (default 2000, on 4 keep-alive connections, after 200 to warm up)
#        BENCH_TOP       also print the N functions with the most instructions of their own (default 0)
# Needs valgrind (Debian package valgrind; not installed by scripts/install-deps.sh: it only measures).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need_danvan
command -v valgrind >/dev/null && command -v callgrind_control >/dev/null ||
  die "valgrind is missing (Debian package valgrind)"
command -v curl >/dev/null || die "curl is missing"
requests=${BENCH_REQUESTS:-2000}
[[ $requests =~ ^[1-9][0-9]*$ ]] && ((requests % 4 == 0)) || die "BENCH_REQUESTS must be a positive multiple of 4"

db=${BENCH_DB:-$BENCH_DIR/.data/bench.db}
ensure_bench_db "$db"
tmp=$(mktemp -d)
PID=
cleanup() {
  [[ -z $PID ]] || kill "$PID" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
# A copy: the run must not leave a WAL behind in the shared database.
cp "$db" "$tmp/bench.db"
port=$((20000 + RANDOM % 20000))
valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$tmp/callgrind.out" \
  "$DANVAN" serve --db "sqlite:$tmp/bench.db" --listen "127.0.0.1:$port" --set log.access=false \
  --set log.level=warn "$@" >"$tmp/server.log" 2>&1 &
PID=$!
for ((i = 0; i < 600; ++i)); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break
  kill -0 "$PID" 2>/dev/null || { cat "$tmp/server.log" >&2; die "danvan did not start under valgrind"; }
  sleep 0.1
done
id=$(curl -sf "http://127.0.0.1:$port/api/v1/units?level=commune&limit=1&offset=5000" |
  sed -n 's/^{"items":\[{"id":\([0-9]*\).*/\1/p')
[[ -n $id ]] || die "no commune in $db"
url="http://127.0.0.1:$port/api/v1/units/$id"
# N requests on 4 connections: curl keeps one connection for all the URLs it is given.
load() { for ((i = 0; i < $1; ++i)); do echo "$url"; done | xargs -n $(($1 / 4)) -P 4 curl -sf >/dev/null; }
load 200
callgrind_control -i on "$PID" >/dev/null 2>&1
load "$requests"
callgrind_control -i off "$PID" >/dev/null 2>&1
kill "$PID"
wait "$PID" 2>/dev/null || true
PID=
total=$(awk '/^totals:/ { print $2; exit }' "$tmp/callgrind.out")
echo "danvan $("$DANVAN" version | head -1), GET /api/v1/units/$id, $requests requests, settings: ${*:-defaults}"
echo "instructions per request (user space, all threads): $((total / requests))"
if [[ ${BENCH_TOP:-0} -gt 0 ]]; then
  callgrind_annotate "$tmp/callgrind.out" 2>/dev/null | awk '/^-+$/ { n++ } n >= 3' | grep -E '^ *[0-9,]+ ' |
    head -n "$BENCH_TOP" | cut -c1-160
fi
