#!/usr/bin/env bash
# Foundation figures for docs/benchmarks.md, each the median of 5 runs:
#   build time   ./mvnw -q clean verify -DskipTests (dependencies already in ~/.m2)
#   jar size     distrib/appliance/target/wardgate.jar
#   start-up     process start until the log line "WardGate ready"
#   idle RSS     VmRSS 10 s after ready, with the JVM options, the class-data sharing archive and
#                MALLOC_ARENA_MAX of the Debian unit
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
cd "$top"
runs=${RUNS:-5}
# The shipped options, read from the unit (as benchmarks/e2e.sh does), so these figures follow them.
unit=distrib/deb/src/deb/systemd/wardgate.service
read -r -a jvm <<<"$(sed -n 's/^Environment="WARDGATE_JAVA_OPTS=\([^"]*\)"$/\1/p' "$unit")"
[ "${#jvm[@]}" -gt 0 ] || { echo "no WARDGATE_JAVA_OPTS in $unit" >&2; exit 2; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

builds=()
for i in $(seq "${BUILDS:-$runs}"); do
  s=$(date +%s.%N); ./mvnw -q clean verify -DskipTests >/dev/null; e=$(date +%s.%N)
  builds+=("$(awk -v s="$s" -v e="$e" 'BEGIN {printf "%.1f", e - s}')")
done
jar=distrib/appliance/target/wardgate.jar
size=$(stat -c %s "$jar")
# The class-data sharing archive the build made beside the jar, added as the unit adds it (cds.env).
[ -f "${jar%.jar}.jsa" ] && jvm+=("-XX:SharedArchiveFile=${jar%.jar}.jsa" -Xlog:cds)

starts=(); rss=()
for i in $(seq "$runs"); do
  dir=$(mktemp -d); mkdir -p "$dir/data/tmp" "$dir/conf"
  s=$(date +%s%N)
  MALLOC_ARENA_MAX=2 java "${jvm[@]}" \
    -Dlaunch.storage.dir="$dir/data/framework" -Dfelix.fileinstall.dir="$dir/conf" \
    -Djava.io.tmpdir="$dir/data/tmp" -jar "$jar" >"$dir/log" 2>&1 &
  pid=$!
  until grep -q "WardGate ready" "$dir/log"; do sleep 0.02; kill -0 $pid; done
  e=$(date +%s%N)
  starts+=("$(( (e - s) / 1000000 ))")
  sleep 10
  rss+=("$(awk '/VmRSS/ {print $2}' /proc/$pid/status)")
  kill $pid; wait $pid || true; rm -rf "$dir"
done

printf 'build_seconds_median %s (runs: %s)\n' "$(printf '%s\n' "${builds[@]}" | median)" "${builds[*]}"
printf 'jar_bytes %s\n' "$size"
printf 'startup_ms_median %s (runs: %s)\n' "$(printf '%s\n' "${starts[@]}" | median)" "${starts[*]}"
printf 'idle_rss_kib_median %s (runs: %s)\n' "$(printf '%s\n' "${rss[@]}" | median)" "${rss[*]}"
