#!/usr/bin/env bash
# The serial leg of a start (docs/benchmarks-history.md, "Start-up to the first reading, ninth pass: the serial leg"):
# run beside benchmarks/nodered.sh or e2e.sh; it waits for the gateway started from JAR, traces the syscalls of its
# port threads (linux perf, tracepoints; comm "wardgate-serial") until it ends, and prints, in s after the process
# start, when the ports were opened and when the first bytes came, and how many bytes each port's first read returned
# (a pseudo-terminal keeps what a simulator wrote before the port was opened). Needs root and perf.
#   benchmarks/startup-serial.sh <jar> & \
#     MALLOC_ARENA_MAX=2 benchmarks/nodered.sh devices=20 seconds=5 warmUp=1 gateways=wardgate jar=<jar>; wait
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
jar="$(realpath "${1:-$top/distrib/appliance/target/wardgate.jar}")"
out="$(mktemp -d /tmp/startup-serial.XXXXXX)"
trap 'rm -rf "$out"' EXIT
f='comm == "wardgate-serial"'
perf record -q -a -k mono -o "$out/perf.data" -e syscalls:sys_enter_openat --filter "$f" \
  -e syscalls:sys_exit_openat --filter "$f" -e syscalls:sys_enter_read --filter "$f" \
  -e syscalls:sys_exit_read --filter "ret > 0 && $f" >"$out/perf.log" 2>&1 &
perf_pid=$!
pid=""
# The measured start (its configuration directory ends in /conf), not e2e's warm=true preparation (conf-prime).
for _ in $(seq 1 12000); do pid=$(pgrep -f -- "/conf -D.*-jar $jar" | head -1 || true); [ -n "$pid" ] && break; sleep 0.01; done
[ -n "$pid" ] || { kill -INT "$perf_pid"; echo "no gateway started from $jar" >&2; exit 1; }
# Process start on the monotonic clock perf uses (boot-time ticks; 10 ms resolution).
start=$(awk -v t="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); split($0, f, " "); printf "%.3f", f[20] / t }' /proc/"$pid"/stat)
while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
kill -INT "$perf_pid"; wait "$perf_pid" || true
perf script -i "$out/perf.data" --ns -F pid,tid,time,event,trace 2>/dev/null | awk -v pid="$pid" -v start="$start" '
  function hex(s,   i, v) { v = 0; s = tolower(s); sub(/^0x/, "", s)
    for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1; return v }
  # lines: PID/TID TIME: EVENT: ARGS (a port opens its tty O_RDWR|O_NOCTTY|O_NONBLOCK|O_CLOEXEC, flags 0x80902)
  { split($1, p, "/"); if (p[1] != pid) next; tid = p[2]; t = $2 + 0 - start; ev = $3 }
  ev == "syscalls:sys_enter_openat:" { pending[tid] = ($0 ~ /flags: 0x00080902/) ? t : -1; next }
  ev == "syscalls:sys_exit_openat:" {
    if (pending[tid] >= 0 && !(tid in fd)) { fd[tid] = hex($4); opened[tid] = t; n++
      if (first == "" || t < first) first = t; if (t > last) last = t }
    pending[tid] = -1; next }
  ev == "syscalls:sys_enter_read:" { match($0, /fd: 0x[0-9a-f]+/); reading[tid] = (tid in fd) && hex(substr($0, RSTART + 4, RLENGTH - 4)) == fd[tid]; next }
  ev == "syscalls:sys_exit_read:" { b = hex($4)
    if (reading[tid] && b > 0 && !(tid in data)) { data[tid] = t; bytes[tid] = b; waits[++w] = t - opened[tid]
      if (fdata == "" || t < fdata) { fdata = t; fbytes = b } }
    reading[tid] = 0 }
  END {
    if (n == 0) { print "no port opened"; exit }
    for (i = 2; i <= w; i++) { v = waits[i]; for (j = i - 1; j >= 1 && waits[j] > v; j--) waits[j + 1] = waits[j]; waits[j + 1] = v }
    sizes = ""; for (k in bytes) sizes = sizes " " bytes[k]
    printf "%d ports opened from %.3f to %.3f s after the process start; first bytes at %.3f s (%d bytes, %.0f ms after the first open)\n", n, first, last, fdata, fbytes, 1000 * (fdata - first)
    printf "from a port'"'"'s open to its first bytes (ms): min %.0f, median %.0f, max %.0f (%d ports); first reads (bytes):%s\n", 1000 * waits[1], 1000 * waits[int((w + 1) / 2)], 1000 * waits[w], w, sizes }'
