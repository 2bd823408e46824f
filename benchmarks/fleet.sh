#!/usr/bin/env bash
# The fleet simulation on the Kafka backend (docs/benchmarks.md, "Fleet on Kafka"). Build first:
#   ./mvnw -B -q -pl benchmarks/fleet -am package -DskipTests
# then: benchmarks/fleet.sh [gateways=50] [devices=2] [backlog=3000] [partitions=6] [receivers=1,2]
#                           [rate=100] [seconds=10] [publishers=4]
# Needs Debian's mosquitto (apt-get install -y mosquitto); starts Kafka from the jars on its class path.
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
home="$top/benchmarks/fleet/target"
if [ ! -f "$home/wardgate-benchmarks-fleet-0.1.0-SNAPSHOT.jar" ]; then
  echo "build first: ./mvnw -B -q -pl benchmarks/fleet -am package -DskipTests" >&2
  exit 2
fi
exec java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$home/wardgate-benchmarks-fleet-0.1.0-SNAPSHOT.jar:$home/lib/*" \
  io.wardgate.bench.fleet.FleetBenchmark "$@"
