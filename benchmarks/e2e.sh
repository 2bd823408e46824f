#!/usr/bin/env bash
# The whole-gateway benchmark (docs/benchmarks.md, "Whole gateway"). Build first:
#   ./mvnw -B -q -pl benchmarks/e2e -am package -DskipTests
# then: benchmarks/e2e.sh [key=value ...]   (benchmarks/e2e.sh help lists the options)
# Needs Debian's mosquitto (apt-get install -y mosquitto) and root (pseudo-terminals, mosquitto's user).
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
home="$top/benchmarks/e2e/target"
if [ ! -f "$home/wardgate-benchmarks-e2e-0.1.0-SNAPSHOT.jar" ] || [ ! -f "$top/distrib/appliance/target/wardgate.jar" ]; then
  echo "build first: ./mvnw -B -q -pl benchmarks/e2e -am package -DskipTests" >&2
  exit 2
fi
if [ "${1:-}" = help ]; then set -- ""; fi
exec java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$home/wardgate-benchmarks-e2e-0.1.0-SNAPSHOT.jar:$home/lib/*" \
  io.wardgate.bench.e2e.GatewayBenchmark "$top" "$@"
