#!/usr/bin/env bash
# danvan against nginx on the same machine, in one run (docs/performance.md has the budgets and the results).
#
#   1. start-up to ready on an existing database: 5 spawns, median
#   2. idle memory (VmRSS) after start
#   3. GET /api/v1/units/{id} (a commune: one row and its ancestors) vs nginx serving the exact same bytes
#      as a static file: wrk -t2 -c64 -d10s --latency, loopback, in alternating rounds (nginx, danvan, nginx,
#      danvan, …): the budgets are judged on the median round, so a burst of other work on the machine during
#      one run moves one round, not the verdict
#   4. idle memory after the load has settled
#   5. the same danvan run again with the access log on
#
# usage: bench/compare.sh [--set key=value ...]     (extra settings for 'danvan serve', e.g. --set server.workers=2)
# It builds nothing: it expects build/release/bin/danvan ('make bench' builds it first).
# env:   BENCH_DB                database to use (default bench/.data/bench.db; generated if missing)
#        BENCH_UNITS             units the generated database gets (default 10000)
#        BENCH_DURATION          wrk duration (default 10s); BENCH_THREADS / BENCH_CONNECTIONS (2 / 64)
#        BENCH_WARMUP            wrk warm-up before each measured run (default 2s; 0 = none)
#        BENCH_ROUNDS            alternating nginx/danvan rounds (default 3; the median round is judged)
#        BENCH_ACCESS_LOG_RUN    1 (default) also measures danvan with the access log on; 0 skips it
#        BENCH_MAX_LOAD          wait until the 1-minute load average is at most this (default 0.7) …
#        BENCH_LOAD_WAIT         … for at most this many seconds (default 600; 0 = do not wait)
# Exits 0 whether the budgets are met or not (it is a measurement, not a test); exits 1 if it cannot measure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Budgets (the issue): throughput ratio, p99, idle RSS, start-up.
readonly BUDGET_RATIO=0.6 BUDGET_P99_MS=10 BUDGET_RSS_MB=30 BUDGET_STARTUP_MS=300

extra=("$@")
need_danvan
command -v wrk >/dev/null || die "wrk is missing (Debian package wrk)"
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[[ -x $NGINX ]] || die "nginx is missing (Debian package nginx-light)"
command -v curl >/dev/null || die "curl is missing"

db=${BENCH_DB:-$BENCH_DIR/.data/bench.db}
ensure_bench_db "$db"

tmp=$(mktemp -d)
NGINX_PID=
# shellcheck disable=SC2317  # called by the trap
cleanup() {
  stop_danvan
  if [[ -n $NGINX_PID ]]; then
    kill -QUIT "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

wait_for_quiet
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

echo "== machine: $(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), Linux $(uname -r)"
echo "== load average at start: $load_before"
echo "== danvan $("$DANVAN" version 2>/dev/null | head -1), database $db ($(du -h "$db" | cut -f1)), settings: ${extra[*]:-defaults}"

# 1. Start-up to ready on the existing database.
startup=() self=()
for i in 1 2 3 4 5; do
  start_danvan "$db" "$tmp/startup.log" --set log.access=false "${extra[@]}"
  startup+=("$DV_READY_MS") self+=("$DV_SELF_MS")
  stop_danvan
done
startup_ms=$(median "${startup[@]}")
self_ms=$(median "${self[@]}")
echo "== start-up to ready (ms, spawn to 'listening' line): ${startup[*]} → median $startup_ms (server's own 'ready in': median $self_ms)"

# 2. Idle memory after start.
start_danvan "$db" "$tmp/danvan.log" --set log.access=false "${extra[@]}"
sleep 1
rss_start_kb=$(rss_kb "$DV_PID")
read -r rss_anon_mb rss_file_mb rss_libs <<<"$(rss_detail "$DV_PID")"
base="http://127.0.0.1:$DV_PORT"

# 3. The unit: a commune in the middle of the list, with a district and a province above it.
total=$(curl -sf "$base/api/v1/units?level=commune&page_size=1" | grep -o '"total":[0-9]*' | cut -d: -f2)
[[ -n $total && $total -gt 0 ]] || die "no communes in $db"
unit_id=$(curl -sf "$base/api/v1/units?level=commune&page_size=1&page=$(( (total + 1) / 2 ))" |
          grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
path="/api/v1/units/$unit_id"
mkdir -p "$tmp/www/api/v1/units"
status=$(curl -s -o "$tmp/www$path" -w '%{http_code}' "$base$path")
[[ $status == 200 ]] || die "GET $path answered $status"
body_bytes=$(stat -c %s "$tmp/www$path")
echo "== endpoint: GET $path → $body_bytes bytes: $(head -c 160 "$tmp/www$path")…"

# nginx: the same bytes as a static file, same Content-Type, the same extra headers danvan sends (so both put
# about as many bytes on the wire), 2 workers, no access log, keep-alive.
nginx_port=$(free_port)
mkdir -p "$tmp/nginx"
chmod 755 "$tmp" "$tmp/www" "$tmp/www/api" "$tmp/www/api/v1" "$tmp/www/api/v1/units"
chmod 644 "$tmp/www$path"
user_line=
[[ $EUID -eq 0 ]] && user_line="user $(id -un) $(id -gn);"
cat >"$tmp/nginx/nginx.conf" <<EOF
$user_line
worker_processes 2;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  client_body_temp_path $tmp/nginx/body;
  proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi;
  uwsgi_temp_path $tmp/nginx/uwsgi;
  scgi_temp_path $tmp/nginx/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $tmp/www;
    location /api/v1/units/ {
      default_type "application/json; charset=utf-8";
      add_header X-Request-Id "nginx-static-0001";
      add_header Content-Security-Policy "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
      add_header X-Content-Type-Options nosniff;
      add_header Referrer-Policy strict-origin-when-cross-origin;
      add_header X-Frame-Options DENY;
    }
  }
}
EOF
"$NGINX" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log" >"$tmp/nginx/stdout.log" 2>&1 &
NGINX_PID=$!
for ((i = 0; i < 200; ++i)); do
  curl -sf -o /dev/null "http://127.0.0.1:$nginx_port$path" && break
  kill -0 "$NGINX_PID" 2>/dev/null || { cat "$tmp/nginx/"*.log >&2; die "nginx did not start"; }
  sleep 0.05
done
cmp -s <(curl -sf "http://127.0.0.1:$nginx_port$path") "$tmp/www$path" || die "nginx does not serve the same body"

warmup=${BENCH_WARMUP:-2s}
# measure NAME URL PID... → sets W_* and W_CPU_US (CPU time the server processes PID... spent per request,
# which the other load on the machine changes less than throughput) and prints a line.
measure() {
  local name=$1 url=$2 before after
  shift 2
  [[ $warmup == 0 ]] || run_wrk "$url" "$tmp/warmup.txt" "$warmup"
  before=$(cpu_ticks "$@")
  run_wrk "$url" "$tmp/wrk-${name%% *}.txt"
  after=$(cpu_ticks "$@")
  W_CPU_US=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$W_REQS" 'BEGIN { printf "%.0f", t / hz / n * 1e6 }')
  printf '   %-22s %10s req/s   p50 %7s ms   p99 %7s ms   %4s B/response   %4s µs CPU/request   errors %s\n' \
    "$name" "$W_RPS" "$W_P50_MS" "$W_P99_MS" "$W_BYTES_PER_REQ" "$W_CPU_US" "$W_ERRORS"
}

rounds=${BENCH_ROUNDS:-3}
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "BENCH_ROUNDS must be a positive whole number"
echo "== wrk -t${BENCH_THREADS:-2} -c${BENCH_CONNECTIONS:-64} -d${BENCH_DURATION:-10s} --latency (warm-up ${warmup} each), $rounds alternating rounds:"
load_at_measure=$(cut -d' ' -f1-3 /proc/loadavg)
# nginx's workers are the master's children: they do the serving.
mapfile -t nginx_pids < <(tr ' ' '\n' <"/proc/$NGINX_PID/task/$NGINX_PID/children" | grep .; echo "$NGINX_PID")
round_lines=() round_ratios=()
for ((r = 1; r <= rounds; ++r)); do
  measure "nginx, round $r" "http://127.0.0.1:$nginx_port$path" "${nginx_pids[@]}"
  round_lines+=("$r $W_RPS $W_P50_MS $W_P99_MS $W_ERRORS $W_CPU_US")
  n_line=${round_lines[-1]}
  measure "danvan, round $r" "$base$path" "$DV_PID"
  round_lines[-1]="$n_line $W_RPS $W_P50_MS $W_P99_MS $W_ERRORS $W_CPU_US"
  round_ratios+=("$(awk -v a="$W_RPS" -v b="$(cut -d' ' -f2 <<<"$n_line")" 'BEGIN { printf "%.2f", a / b }')")
done
# The median round by its ratio (the lower middle one for an even count): its figures are the ones judged.
median_index=$(for i in "${!round_ratios[@]}"; do echo "${round_ratios[$i]} $i"; done | sort -g | awk -v n="$rounds" 'NR == int((n + 1) / 2) { print $2 }')
read -r _ nginx_rps nginx_p50 nginx_p99 nginx_err nginx_cpu dv_rps dv_p50 dv_p99 dv_err dv_cpu <<<"${round_lines[$median_index]}"
worst_dv_p99=$(for l in "${round_lines[@]}"; do cut -d' ' -f9 <<<"$l"; done | sort -g | tail -1)

kill -QUIT "$NGINX_PID" 2>/dev/null || true
wait "$NGINX_PID" 2>/dev/null || true
NGINX_PID=

# 4. Memory once the load is over.
sleep 3
rss_after_kb=$(rss_kb "$DV_PID")
read -r after_anon_mb after_file_mb _ <<<"$(rss_detail "$DV_PID")"
hwm_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$DV_PID/status")
threads=$(awk '/^Threads:/ { print $2 }' "/proc/$DV_PID/status")
stop_danvan

# 5. The access log on (it goes to a file here, as it would to journald).
log_rps=- log_p99=- log_p50=- log_err=- log_cpu=-
if [[ ${BENCH_ACCESS_LOG_RUN:-1} == 1 ]]; then
  start_danvan "$db" "$tmp/danvan-access.log" --set log.access=true "${extra[@]}"
  measure "danvan (access log)" "http://127.0.0.1:$DV_PORT$path" "$DV_PID"
  log_rps=$W_RPS log_p99=$W_P99_MS log_p50=$W_P50_MS log_err=$W_ERRORS log_cpu=$W_CPU_US
  stop_danvan
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

verdict() { awk -v ok="$1" 'BEGIN { print (ok ? "PASS" : "FAIL") }'; }
ratio=$(awk -v a="$dv_rps" -v b="$nginx_rps" 'BEGIN { printf "%.2f", a / b }')
log_ratio=$(awk -v a="$log_rps" -v b="$nginx_rps" 'BEGIN { if (a == "-") print "-"; else printf "%.2f", a / b }')
rss_start_mb=$(awk -v k="$rss_start_kb" 'BEGIN { printf "%.1f", k / 1024 }')
rss_after_mb=$(awk -v k="$rss_after_kb" 'BEGIN { printf "%.1f", k / 1024 }')
hwm_mb=$(awk -v k="$hwm_kb" 'BEGIN { printf "%.1f", k / 1024 }')

echo
echo "== rounds: danvan / nginx = ${round_ratios[*]} → the median is round $((median_index + 1)) (its figures below);"
echo "   danvan's worst p99 of all rounds: $worst_dv_p99 ms"
echo "== results (load average: $load_at_measure when the load runs began, $load_after at the end)"
printf '%-30s %12s %10s %10s %16s %8s\n' "server" "req/s" "p50 ms" "p99 ms" "CPU µs/request" "errors"
printf '%-30s %12s %10s %10s %16s %8s\n' "nginx (static file, median)" "$nginx_rps" "$nginx_p50" "$nginx_p99" "$nginx_cpu" "$nginx_err"
printf '%-30s %12s %10s %10s %16s %8s\n' "danvan (log off, median)" "$dv_rps" "$dv_p50" "$dv_p99" "$dv_cpu" "$dv_err"
printf '%-30s %12s %10s %10s %16s %8s\n' "danvan (access log on)" "$log_rps" "$log_p50" "$log_p99" "$log_cpu" "$log_err"
echo
printf '%-44s %-22s %-12s %s\n' "budget" "measured" "limit" "verdict"
printf '%-44s %-22s %-12s %s\n' "throughput danvan / nginx (log off)" "$ratio" ">= $BUDGET_RATIO" \
  "$(verdict "$(awk -v r="$ratio" -v b="$BUDGET_RATIO" 'BEGIN { print (r >= b) }')")"
[[ $log_ratio == - ]] ||
  printf '%-44s %-22s %-12s %s\n' "throughput danvan / nginx (log on)" "$log_ratio" ">= $BUDGET_RATIO" \
    "$(verdict "$(awk -v r="$log_ratio" -v b="$BUDGET_RATIO" 'BEGIN { print (r >= b) }')")"
printf '%-44s %-22s %-12s %s\n' "p99 latency danvan (log off)" "$dv_p99 ms" "<= $BUDGET_P99_MS ms" \
  "$(verdict "$(awk -v p="$dv_p99" -v b="$BUDGET_P99_MS" 'BEGIN { print (p <= b) }')")"
[[ $log_p99 == - ]] ||
  printf '%-44s %-22s %-12s %s\n' "p99 latency danvan (log on)" "$log_p99 ms" "<= $BUDGET_P99_MS ms" \
    "$(verdict "$(awk -v p="$log_p99" -v b="$BUDGET_P99_MS" 'BEGIN { print (p <= b) }')")"
printf '%-44s %-22s %-12s %s\n' "idle RSS after start" "$rss_start_mb MB" "< $BUDGET_RSS_MB MB" \
  "$(verdict "$(awk -v m="$rss_start_mb" -v b="$BUDGET_RSS_MB" 'BEGIN { print (m < b) }')")"
printf '%-44s %-22s %-12s %s\n' "idle RSS after the load (peak $hwm_mb MB)" "$rss_after_mb MB" "< $BUDGET_RSS_MB MB" \
  "$(verdict "$(awk -v m="$rss_after_mb" -v b="$BUDGET_RSS_MB" 'BEGIN { print (m < b) }')")"
printf '%-44s %-22s %-12s %s\n' "start-up to ready (median of 5)" "$startup_ms ms" "< $BUDGET_STARTUP_MS ms" \
  "$(verdict "$(awk -v m="$startup_ms" -v b="$BUDGET_STARTUP_MS" 'BEGIN { print (m < b) }')")"
echo
echo "(idle RSS after start = $rss_anon_mb MB anonymous + $rss_file_mb MB file-backed, the latter mostly the $rss_libs shared"
echo " libraries danvan maps; after the load: $after_anon_mb MB + $after_file_mb MB)"
echo "(danvan ran $threads threads; the body is $body_bytes bytes, the same file for nginx; CPU µs/request is the"
echo " servers' user + system time over the measured run divided by the requests served, wrk's own CPU not counted)"
exit 0
