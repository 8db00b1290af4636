#!/usr/bin/env bash
# A large list as a spreadsheet (issue 13, docs/performance.md "Exports"): every administrative unit of a database of
# 50,000 as one XLSX download (GET /api/v1/units?format=xlsx) against the baseline of the same rows read as the web
# app reads a list, JSON pages of 200 (GET /api/v1/units?page=…&page_size=200, one keep-alive connection), in
# alternating rounds. Each side runs on a fresh server, warmed by one small request of its kind (the first spreadsheet
# of a process loads the documents module: that is timed apart), so its peak memory (VmHWM) is that of the one job:
# time, the server's CPU time, peak RSS and its rise over the warmed server, bytes, rows.
#
# usage: bench/exports.sh
# It builds nothing: it expects build/release/bin/danvan ('make build').
# env:   BENCH_EXPORT_DB     database to use (default bench/.data/exports.db; generated if missing)
#        BENCH_EXPORT_UNITS  units the generated database gets (default 50000; about 5 minutes of API writes)
#        BENCH_ROUNDS        alternating JSON/XLSX rounds (default 3; the median of each side is reported)
#        BENCH_MAX_LOAD / BENCH_LOAD_WAIT  as for bench/compare.sh
# Exits 0 whether the budgets are met or not (a measurement, not a test); 1 if it cannot measure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Budgets: the export takes at most twice as long as reading the same rows as JSON pages, and the server's memory
# rises by at most 64 MB while it writes 50,000 rows (one batch of rows plus the finished file, not the whole list).
readonly BUDGET_TIME_RATIO=2 BUDGET_RISE_MB=64

need_danvan
command -v curl >/dev/null || die "curl is missing"
command -v unzip >/dev/null || die "unzip is missing (Debian package unzip)"

db=${BENCH_EXPORT_DB:-$BENCH_DIR/.data/exports.db}
BENCH_UNITS=${BENCH_EXPORT_UNITS:-50000}
if [[ -z ${BENCH_DB:-} && -z ${BENCH_EXPORT_DB:-} ]]; then
  ensure_bench_db "$db"
else
  BENCH_DB=$db ensure_bench_db "$db"
fi

tmp=$(mktemp -d)
trap 'stop_danvan; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

wait_for_quiet
echo "== machine: $(nproc) cores, Linux $(uname -r); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== danvan $("$DANVAN" version 2>/dev/null | head -1), database $db ($(du -h "$db" | cut -f1))"

hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
ms_since() { echo $(( ($(now_ns) - $1) / 1000000 )); }
cpu_ms() { awk -v t="$1" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", t / hz * 1000 }'; }

# json_run: every page of the list, one curl over one connection. Sets R_MS R_CPU_MS R_IDLE_KB R_PEAK_KB R_BYTES R_ROWS.
json_run() {
  start_danvan "$db" "$tmp/json.log" --set log.access=false
  sleep 0.5
  local base="http://127.0.0.1:$DV_PORT/api/v1/units" total pages p t0 c0
  curl -sf -o /dev/null "$base?level=province" || die "the warm-up page failed"
  R_IDLE_KB=$(hwm_kb "$DV_PID")
  total=$(curl -sf "$base?page_size=1" | grep -o '"total":[0-9]*' | cut -d: -f2)
  [[ -n $total && $total -gt 0 ]] || die "no units in $db"
  pages=$(( (total + 199) / 200 ))
  : >"$tmp/pages.cfg"
  for ((p = 1; p <= pages; ++p)); do
    printf 'url = "%s?page=%d&page_size=200"\noutput = "%s/page-%d.json"\n' "$base" "$p" "$tmp" "$p" >>"$tmp/pages.cfg"
  done
  c0=$(cpu_ticks "$DV_PID")
  t0=$(now_ns)
  curl -sf -K "$tmp/pages.cfg" || die "a JSON page failed"
  R_MS=$(ms_since "$t0")
  R_CPU_MS=$(cpu_ms $(( $(cpu_ticks "$DV_PID") - c0 )))
  R_PEAK_KB=$(hwm_kb "$DV_PID")
  R_BYTES=$(cat "$tmp"/page-*.json | wc -c)
  R_ROWS=$(cat "$tmp"/page-*.json | grep -o '"level":' | wc -l)
  rm -f "$tmp"/page-*.json
  stop_danvan
}

# xlsx_run: the one download. Sets the same R_* variables; the rows are counted in the sheet itself.
xlsx_run() {
  start_danvan "$db" "$tmp/xlsx.log" --set log.access=false
  sleep 0.5
  local url="http://127.0.0.1:$DV_PORT/api/v1/units?format=xlsx" t0 c0 status
  # The first spreadsheet loads the documents module (once per process): a small one first, timed on its own.
  t0=$(now_ns)
  curl -sf -o /dev/null "$url&level=province" || die "the warm-up export failed"
  R_WARM_MS=$(ms_since "$t0")
  R_IDLE_KB=$(hwm_kb "$DV_PID")
  c0=$(cpu_ticks "$DV_PID")
  t0=$(now_ns)
  status=$(curl -s -o "$tmp/units.xlsx" -w '%{http_code}' "$url")
  R_MS=$(ms_since "$t0")
  [[ $status == 200 ]] || { cat "$tmp/units.xlsx" >&2; die "the export answered $status"; }
  R_CPU_MS=$(cpu_ms $(( $(cpu_ticks "$DV_PID") - c0 )))
  R_PEAK_KB=$(hwm_kb "$DV_PID")
  R_BYTES=$(stat -c %s "$tmp/units.xlsx")
  # Rows of the sheet less its header row.
  R_ROWS=$(( $(unzip -p "$tmp/units.xlsx" xl/worksheets/sheet1.xml | grep -o '<row ' | wc -l) - 1 ))
  stop_danvan
}

rounds=${BENCH_ROUNDS:-3}
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "BENCH_ROUNDS must be a positive whole number"
json_ms=() json_cpu=() json_rise=() xlsx_ms=() xlsx_cpu=() xlsx_rise=()
line() {
  printf '   %-16s %7s ms   CPU %6s ms   peak RSS %6.1f MB (before %5.1f MB, rise %5.1f MB)   %9s bytes   %6s rows\n' \
    "$1" "$R_MS" "$R_CPU_MS" "$(awk -v k="$R_PEAK_KB" 'BEGIN { print k / 1024 }')" \
    "$(awk -v k="$R_IDLE_KB" 'BEGIN { print k / 1024 }')" "$(awk -v a="$R_PEAK_KB" -v b="$R_IDLE_KB" 'BEGIN { print (a - b) / 1024 }')" \
    "$R_BYTES" "$R_ROWS"
}
echo "== $rounds alternating rounds (each side on a fresh server):"
for ((r = 1; r <= rounds; ++r)); do
  json_run
  line "JSON, round $r"
  json_ms+=("$R_MS") json_cpu+=("$R_CPU_MS") json_rise+=("$(( R_PEAK_KB - R_IDLE_KB ))")
  json_rows=$R_ROWS
  xlsx_run
  line "XLSX, round $r"
  echo "   (the first, small export of that server, loading the documents module: $R_WARM_MS ms)"
  xlsx_ms+=("$R_MS") xlsx_cpu+=("$R_CPU_MS") xlsx_rise+=("$(( R_PEAK_KB - R_IDLE_KB ))")
  [[ $R_ROWS == "$json_rows" ]] || die "the export has $R_ROWS rows, the JSON pages $json_rows"
done

jm=$(median "${json_ms[@]}") xm=$(median "${xlsx_ms[@]}")
jr=$(median "${json_rise[@]}") xr=$(median "${xlsx_rise[@]}")
ratio=$(awk -v a="$xm" -v b="$jm" 'BEGIN { printf "%.2f", a / b }')
rise_mb=$(awk -v k="$xr" 'BEGIN { printf "%.1f", k / 1024 }')
verdict() { awk -v ok="$1" 'BEGIN { print (ok ? "PASS" : "FAIL") }'; }
echo "== medians: JSON pages $jm ms (CPU $(median "${json_cpu[@]}") ms, rise $(awk -v k="$jr" 'BEGIN { printf "%.1f", k / 1024 }') MB); XLSX $xm ms (CPU $(median "${xlsx_cpu[@]}") ms, rise $rise_mb MB)"
echo "   export time / JSON pages time: $ratio (budget ≤ $BUDGET_TIME_RATIO)  $(verdict "$(awk -v r="$ratio" -v b=$BUDGET_TIME_RATIO 'BEGIN { print r <= b }')")"
echo "   export's memory rise: $rise_mb MB (budget ≤ $BUDGET_RISE_MB MB)  $(verdict "$(awk -v r="$rise_mb" -v b=$BUDGET_RISE_MB 'BEGIN { print r <= b }')")"
echo "== load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
