#!/usr/bin/env bash
# WardGate next to Node-RED on the same serial ward (docs/benchmarks.md, "Node-RED comparison"; issue #25
# item 5): 20 Masimo simulators on pseudo-terminals at 1 line/s, the same mutual-TLS mosquitto; latency
# (reception at the gateway to arrival at a subscriber), CPU and RSS of each gateway process.
# Build first:  ./mvnw -B -q -pl benchmarks/soak -am package -DskipTests
# then:         benchmarks/nodered.sh [devices=20] [seconds=60] [key=value ...]  (help lists them)
# Node-RED comes from npm into NODE_RED_HOME (default /tmp/wardgate-node-red, outside the repository),
# installed there on the first run: node-red@$NODE_RED_VERSION (default 4.1.8, the last line that runs on
# Node.js 20; 5.x needs Node.js 22.9) and node-red-node-serialport@2.0.3.
# Needs node and npm, Debian's mosquitto, and root (pseudo-terminals, mosquitto's user).
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
home="$top/benchmarks/soak/target"
nr="${NODE_RED_HOME:-/tmp/wardgate-node-red}"
version="${NODE_RED_VERSION:-4.1.8}"
if [ ! -f "$home/wardgate-benchmarks-soak-0.1.0-SNAPSHOT.jar" ] || [ ! -f "$top/distrib/appliance/target/wardgate.jar" ]; then
  echo "build first: ./mvnw -B -q -pl benchmarks/soak -am package -DskipTests" >&2
  exit 2
fi
command -v node >/dev/null && command -v npm >/dev/null || { echo "nodered: needs node and npm" >&2; exit 2; }
if [ ! -f "$nr/node_modules/node-red/red.js" ] || [ ! -d "$nr/node_modules/node-red-node-serialport" ]; then
  echo "nodered: installing node-red@$version and node-red-node-serialport@2.0.3 into $nr"
  mkdir -p "$nr"
  [ -f "$nr/package.json" ] || (cd "$nr" && npm init -y >/dev/null)
  (cd "$nr" && npm install --no-audit --no-fund "node-red@$version" node-red-node-serialport@2.0.3)
fi
echo "nodered: $(node "$nr/node_modules/node-red/red.js" --help 2>/dev/null | head -1 || true) from $nr, Node.js $(node --version)"
exec java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$home/wardgate-benchmarks-soak-0.1.0-SNAPSHOT.jar:$home/lib/*" \
  io.wardgate.bench.nodered.Comparison "$top" "$nr" "$@"
