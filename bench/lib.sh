# shellcheck shell=bash
# Helpers shared by bench/generate.sh, bench/compare.sh and bench/settings.sh (sourced, not run).
# They set global variables (DV_*, W_*) that the scripts read.
# shellcheck disable=SC2034

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT_DIR=$(cd "$BENCH_DIR/.." && pwd)
DANVAN=${DANVAN:-$ROOT_DIR/build/release/bin/danvan}

die() { echo "error: $*" >&2; exit 1; }

need_danvan() {
  [[ -x $DANVAN ]] || die "$DANVAN is missing: build it first with 'cmake --preset release && cmake --build --preset release' (or 'make build'); the bench scripts build nothing"
}

now_ns() { date +%s%N; }

# start_danvan DB LOGFILE [serve options...]
# Starts 'danvan serve' on a free loopback port and returns when it prints its "listening on" line.
# Sets DV_PID, DV_PORT, DV_READY_MS (spawn to "listening" line, measured here) and DV_SELF_MS (what the
# server says: "ready in N ms"). The server's output goes on into LOGFILE.
start_danvan() {
  local db=$1 log=$2
  shift 2
  local t0 line
  t0=$(now_ns)
  # A pipe, not a file: the line is seen the moment it is written, without polling.
  exec {DV_FD}< <(exec "$DANVAN" serve --db "sqlite:$db" --listen 127.0.0.1:0 "$@" 2>&1)
  DV_PID=$!
  : >"$log"
  while IFS= read -r -t 30 -u "$DV_FD" line; do
    echo "$line" >>"$log"
    if [[ $line =~ listening\ on\ http://127\.0\.0\.1:([0-9]+).*ready\ in\ ([0-9]+)\ ms ]]; then
      DV_READY_MS=$(( ($(now_ns) - t0) / 1000000 ))
      DV_PORT=${BASH_REMATCH[1]}
      DV_SELF_MS=${BASH_REMATCH[2]}
      # Keep draining its output (with the access log on, a full pipe would stall the server).
      cat <&"$DV_FD" >>"$log" &
      DV_CAT_PID=$!
      exec {DV_FD}<&-
      return 0
    fi
  done
  echo "danvan did not become ready; its output:" >&2
  cat "$log" >&2
  stop_danvan
  return 1
}

# Stops the server started by start_danvan (SIGTERM, then SIGKILL after 10 s).
stop_danvan() {
  [[ -n ${DV_PID:-} ]] || return 0
  kill -TERM "$DV_PID" 2>/dev/null || true
  local i
  for ((i = 0; i < 1000; ++i)); do
    kill -0 "$DV_PID" 2>/dev/null || break
    sleep 0.01
  done
  kill -0 "$DV_PID" 2>/dev/null && kill -KILL "$DV_PID" 2>/dev/null
  wait "$DV_PID" 2>/dev/null || true
  if [[ -n ${DV_CAT_PID:-} ]]; then wait "$DV_CAT_PID" 2>/dev/null || true; fi
  DV_PID='' DV_CAT_PID=''
}

# rss_kb PID → VmRSS in kB
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# run_wrk URL OUTFILE [duration]: one wrk run with the issue's load (-t2 -c64 -d10s --latency, overridable by
# BENCH_THREADS, BENCH_CONNECTIONS, BENCH_DURATION). Sets W_RPS, W_P50_MS, W_P99_MS, W_REQS, W_BYTES_PER_REQ,
# W_ERRORS (socket errors + non-2xx responses) from its output.
run_wrk() {
  local url=$1 out=$2 duration=${3:-${BENCH_DURATION:-10s}}
  wrk -t"${BENCH_THREADS:-2}" -c"${BENCH_CONNECTIONS:-64}" -d"$duration" --latency "$url" >"$out" 2>&1 ||
    { cat "$out" >&2; die "wrk failed against $url"; }
  local parsed
  parsed=$(awk '
    function ms(v,   n, u) {  # "812.00us" "1.23ms" "1.02s" "1.5m" → milliseconds
      n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
      if (u == "us") return n / 1000; if (u == "ms") return n; if (u == "s") return n * 1000
      if (u == "m") return n * 60000; return n
    }
    function bytes(v,   n, u) {
      n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
      if (u == "KB") return n * 1024; if (u == "MB") return n * 1048576; if (u == "GB") return n * 1073741824
      return n
    }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    / requests in / { reqs = $1; read = bytes($5) }
    /^Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses:/ { errors += $NF }
    /Socket errors:/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%s %s %s %s %.0f %d\n", rps, p50, p99, reqs, (reqs ? read / reqs : 0), errors }
  ' "$out")
  read -r W_RPS W_P50_MS W_P99_MS W_REQS W_BYTES_PER_REQ W_ERRORS <<<"$parsed"
  [[ -n $W_RPS && -n $W_P99_MS ]] || { cat "$out" >&2; die "could not read wrk's output ($out)"; }
}

# free_port: a loopback TCP port nobody listens on now.
free_port() {
  if command -v python3 >/dev/null; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
  else
    node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
  fi
}

# median of the arguments (numbers)
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

load1() { cut -d' ' -f1 /proc/loadavg; }

# wait_for_quiet: waits (60 s at a time, BENCH_LOAD_WAIT seconds at most, default 600) until the 1-minute load
# average is at most BENCH_MAX_LOAD (default 0.7): other work on the machine would skew the numbers.
wait_for_quiet() {
  local max=${BENCH_MAX_LOAD:-0.7} budget=${BENCH_LOAD_WAIT:-600} waited=0
  while awk -v l="$(load1)" -v m="$max" 'BEGIN { exit !(l > m) }'; do
    if ((waited >= budget)); then
      echo "warning: load average still $(load1) (> $max) after ${waited} s: measuring anyway, numbers may be low" >&2
      return 0
    fi
    echo "load average $(load1) > $max: waiting 60 s for the machine to settle (${waited}/${budget} s)…" >&2
    sleep 60
    waited=$((waited + 60))
  done
}

# cpu_ticks PID...: user + system CPU time of the processes (all their threads), in clock ticks.
cpu_ticks() {
  local pid sum=0
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] || continue
    # Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
    sum=$((sum + $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }')))
  done
  echo "$sum"
}

# ensure_bench_db DB: generates DB (BENCH_UNITS units, default 10000) if it is missing. A database made by an
# older build may carry a migration this build ships changed, which the server refuses: the default database
# (BENCH_DB unset) is then generated again; a database given by BENCH_DB is left alone and the run stops.
ensure_bench_db() {
  local db=$1 status
  if [[ -e $db ]] && ! status=$("$DANVAN" migrate --status --db "sqlite:$db" 2>&1); then
    if [[ -n ${BENCH_DB:-} ]]; then
      echo "$status" >&2
      die "$db does not match this build's migrations"
    fi
    echo "== $db does not match this build's migrations: generating it again"
    rm -f "$db" "$db-wal" "$db-shm"
  fi
  if [[ ! -e $db ]]; then
    echo "== no database at $db: generating one (${BENCH_UNITS:-10000} units)"
    "$BENCH_DIR/generate.sh" "$db" "${BENCH_UNITS:-10000}"
  fi
}

# rss_detail PID → "ANON_MB FILE_MB LIBS": VmRSS split into anonymous memory (heap, stacks) and file-backed pages
# (mostly the program and its shared libraries), and how many shared libraries the process has mapped.
rss_detail() {
  local anon file libs
  anon=$(awk '/^RssAnon:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status")
  file=$(awk '/^RssFile:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status")
  libs=$(awk '$6 ~ /\.so/ { print $6 }' "/proc/$1/maps" | sort -u | wc -l)
  echo "$anon $file $libs"
}
