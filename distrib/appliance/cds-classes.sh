#!/usr/bin/env bash
# Remakes src/cds/classes.txt, the names of the classes the class-data sharing archive holds (CdsClassList.java),
# from a configured gateway: benchmarks/e2e.sh (mosquitto, serial simulators, 30,000 readings/s for 30 s) with
# the unit's options and -Xlog:class+load=debug. `cds-classes.sh check` only reports how much of such a run the
# checked-in list covers and fails below 80 %. Build first:
#   ./mvnw -o -B -q -pl benchmarks/e2e,distrib/appliance -am package -DskipTests
# Run as root (the benchmark's pseudo-terminals and mosquitto). Remaking the list after a change of bundles or
# of the JDK keeps the archive's gain; a stale list only loses some of it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
top="$(cd "$here/../.." && pwd)"
jar="$here/target/wardgate.jar"
opts="$(sed -n 's/^Environment="WARDGATE_JAVA_OPTS=\(.*\)"$/\1/p' "$top/distrib/deb/src/deb/systemd/wardgate.service")"
work="$(mktemp -d /tmp/wardgate-cds-classes.XXXXXX)"
trap 'rm -rf "$work"' EXIT
MALLOC_ARENA_MAX=2 "$top/benchmarks/e2e.sh" rates=30000 seconds=30 baseline=false windows= outage=0 jar="$jar" \
  jvm="$opts -Xlog:class+load=debug:file=$work/class-load.log" > "$work/e2e.log" 2>&1 || { cat "$work/e2e.log" >&2; exit 1; }
if [ "${1:-}" = check ]; then
  java "$here/src/cds/CdsClassList.java" coverage "$here/src/cds/classes.txt" "$work/class-load.log" "$jar" 80
else
  java "$here/src/cds/CdsClassList.java" names "$work/class-load.log" "$jar" "$here/src/cds/classes.txt"
fi
