#!/usr/bin/env bash
# Server settings against the same load as bench/compare.sh (danvan only, access log off), to choose defaults.
#
# usage: bench/settings.sh ["threads workers pool" ...]
#   each argument is one combination of server.threads, server.workers and database.pool_size;
#   without arguments a grid for a 2-core machine is run.
# env:   as bench/compare.sh (BENCH_DB, BENCH_DURATION, BENCH_WARMUP, BENCH_MAX_LOAD, BENCH_LOAD_WAIT, …)
#        BENCH_REPEAT  rounds over all the combinations, the median of each is kept (default 1)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

need_danvan
command -v wrk >/dev/null || die "wrk is missing (Debian package wrk)"
db=${BENCH_DB:-$BENCH_DIR/.data/bench.db}
ensure_bench_db "$db"

combos=("$@")
if ((${#combos[@]} == 0)); then
  combos=("2 4 4" "1 1 1" "1 2 2" "2 2 2" "1 4 4" "2 8 8" "2 4 2")
fi

tmp=$(mktemp -d)
trap 'stop_danvan; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
wait_for_quiet

warmup=${BENCH_WARMUP:-2s}
rounds=${BENCH_REPEAT:-1}
echo "== wrk -t${BENCH_THREADS:-2} -c${BENCH_CONNECTIONS:-64} -d${BENCH_DURATION:-10s}, $rounds round(s) over the combinations in turn" \
     "(so that a change in the machine's load hits them all alike), load average $(cut -d' ' -f1-3 /proc/loadavg)"
declare -A rps p50 p99 cpu errors rss
for ((r = 0; r < rounds; ++r)); do
  for combo in "${combos[@]}"; do
    read -r threads workers pool <<<"$combo"
    start_danvan "$db" "$tmp/danvan.log" --set log.access=false --set "server.threads=$threads" \
      --set "server.workers=$workers" --set "database.pool_size=$pool"
    url="http://127.0.0.1:$DV_PORT/api/v1/units/${BENCH_UNIT_ID:-5000}"
    curl -sf -o /dev/null "$url" || die "GET $url failed"
    [[ $warmup == 0 ]] || run_wrk "$url" "$tmp/warmup.txt" "$warmup"
    before=$(cpu_ticks "$DV_PID")
    run_wrk "$url" "$tmp/wrk.txt"
    after=$(cpu_ticks "$DV_PID")
    rps[$combo]+="$W_RPS " p50[$combo]+="$W_P50_MS " p99[$combo]+="$W_P99_MS " errors[$combo]+="$W_ERRORS "
    cpu[$combo]+="$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$W_REQS" 'BEGIN { printf "%.0f", t / hz / n * 1e6 }') "
    rss[$combo]+="$(awk -v k="$(rss_kb "$DV_PID")" 'BEGIN { printf "%.1f", k / 1024 }') "
    stop_danvan
    echo "   round $((r + 1)): threads=$threads workers=$workers pool=$pool → $W_RPS req/s, p99 $W_P99_MS ms" >&2
  done
done

echo "medians of $rounds round(s):"
printf '%-8s %-8s %-6s %12s %9s %9s %12s %8s %8s\n' threads workers pool "req/s" "p50 ms" "p99 ms" "CPU µs/req" errors "RSS MB"
for combo in "${combos[@]}"; do
  read -r threads workers pool <<<"$combo"
  # shellcheck disable=SC2086  # the lists are space-separated numbers
  printf '%-8s %-8s %-6s %12s %9s %9s %12s %8s %8s\n' "$threads" "$workers" "$pool" "$(median ${rps[$combo]})" \
    "$(median ${p50[$combo]})" "$(median ${p99[$combo]})" "$(median ${cpu[$combo]})" \
    "$(echo ${errors[$combo]} | tr ' ' '\n' | awk '{ s += $1 } END { print s }')" "$(median ${rss[$combo]})"
done
echo "(load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
