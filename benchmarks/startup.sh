#!/usr/bin/env bash
# Start-up of the appliance without configuration, step by step (docs/benchmarks.md, "Footprint and start-up:
# what ships"; issue 25 item 3). For each run: a cold start (empty framework storage: the launcher installs
# every bundle from the jar), then a warm start on the same storage (what a restart of an installed gateway
# does). Per start: wall time to the JVM's first log line (framework launched, bundles installed and
# starting), to "WardGate ready", and the CPU (utime + stime) the process had used at "ready": CPU
# milliseconds hardly depend on what else runs on the machine, wall times do.
#   benchmarks/startup.sh [runs=3] [jar=distrib/appliance/target/wardgate.jar] [jvm="..."]
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
runs=3; jar="$top/distrib/appliance/target/wardgate.jar"
# Default: the options the product ships (the unit's WARDGATE_JAVA_OPTS and its MALLOC_ARENA_MAX, below the archive).
jvm="$(sed -n 's/^Environment="WARDGATE_JAVA_OPTS=\(.*\)"$/\1/p' "$top/distrib/deb/src/deb/systemd/wardgate.service")"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
for arg in "$@"; do
  case "$arg" in
    runs=*) runs="${arg#runs=}" ;;
    jar=*) jar="${arg#jar=}" ;;
    jvm=*) jvm="${arg#jvm=}" ;;
    *) echo "usage: benchmarks/startup.sh [runs=3] [jar=...] [jvm=\"...\"]" >&2; exit 2 ;;
  esac
done
[ -f "$jar" ] || { echo "build first: ./mvnw -o -q -pl distrib/appliance -am package -DskipTests" >&2; exit 2; }
# Without jvm=: also the class-data sharing archive the build made beside the jar, as the unit adds it (cds.env).
if ! printf '%s\n' "$@" | grep -q '^jvm='; then
  archive="${jar%.jar}.jsa"
  [ -f "$archive" ] && jvm="$jvm -XX:SharedArchiveFile=$archive -Xlog:cds"
fi
tick=$(getconf CLK_TCK)
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# One start on $1 (work dir); prints: first-log-ms ready-ms cpu-ms-at-ready runtime-ms rss-kib
start() {
  local dir=$1 s e first="" pid cpu ready rt
  mkdir -p "$dir/data/tmp" "$dir/conf"
  : > "$dir/log"
  s=$(now_ms)
  # shellcheck disable=SC2086
  java $jvm -Dlaunch.storage.dir="$dir/data/framework" -Dfelix.fileinstall.dir="$dir/conf" \
    -Dwardgate.data="$dir/data" -Djava.io.tmpdir="$dir/data/tmp" -Dorg.sqlite.tmpdir="$dir/data/tmp" \
    -jar "$jar" >"$dir/log" 2>&1 &
  pid=$!
  while ! grep -q "WardGate ready" "$dir/log"; do
    # the first line of the launcher's (the JVM's own [...] lines, e.g. -Xlog:cds, come before it)
    if [ -z "$first" ] && grep -qv '^\[' "$dir/log"; then first=$(( $(now_ms) - s )); fi
    kill -0 $pid 2>/dev/null || { echo "the gateway exited; see $dir/log" >&2; exit 1; }
    sleep 0.01
  done
  e=$(now_ms)
  cpu=$(awk -v t="$tick" '{ sub(/.*\) /, ""); split($0, f, " "); printf "%d", (f[12] + f[13]) * 1000 / t }' /proc/$pid/stat)
  rt=$(grep -o "([0-9]* ms after the runtime bundle started)" "$dir/log" | grep -o "[0-9]*" | head -1)
  sleep 2
  rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  kill $pid; wait $pid 2>/dev/null || true
  echo "${first:-0} $(( e - s )) $cpu ${rt:-0} $rss"
}

echo "jvm: $jvm"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-5s %-4s %14s %10s %12s %22s %9s\n' run kind first-log-ms ready-ms cpu-ms-ready ready-after-runtime-ms rss-MiB
for i in $(seq "$runs"); do
  dir=$(mktemp -d)
  for kind in cold warm; do
    read -r first ready cpu rt rss < <(start "$dir")
    printf '%-5s %-4s %14s %10s %12s %22s %9s\n' "$i" "$kind" "$first" "$ready" "$cpu" "$rt" "$((rss / 1024))"
  done
  rm -rf "$dir"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
