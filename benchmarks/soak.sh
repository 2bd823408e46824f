#!/usr/bin/env bash
# The kill -9 soak (docs/benchmarks.md, "Kill -9 soak"; issue #25 item 7). Build first:
#   ./mvnw -B -q -pl benchmarks/soak -am package -DskipTests
# then: benchmarks/soak.sh [kills=100] [rate=30000] [key=value ...]   (benchmarks/soak.sh help lists them)
# The appliance is killed with SIGKILL at random moments under the load (some while a backlog drains after
# a broker outage) and restarted on the same data; the last line says PASS or FAIL, and so does the exit
# status (0 pass, 1 fail, 2 usage). Needs Debian's mosquitto and root (pseudo-terminals, mosquitto's user).
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
home="$top/benchmarks/soak/target"
if [ ! -f "$home/wardgate-benchmarks-soak-0.1.0-SNAPSHOT.jar" ] || [ ! -f "$top/distrib/appliance/target/wardgate.jar" ]; then
  echo "build first: ./mvnw -B -q -pl benchmarks/soak -am package -DskipTests" >&2
  exit 2
fi
exec java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$home/wardgate-benchmarks-soak-0.1.0-SNAPSHOT.jar:$home/lib/*" \
  io.wardgate.bench.soak.Soak "$top" "$@"
