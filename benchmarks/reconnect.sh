#!/usr/bin/env bash
# The uplink's reconnect time after broker outages of different lengths (issue #25 item 4;
# docs/benchmarks.md "Uplink recovery"). The broker (mosquitto, or HiveMQ with broker=embedded) is stopped
# for each outage length, started again, and the time from its port accepting to the uplink's new session
# is measured with the production defaults.
#   benchmarks/reconnect.sh [outages=5,30,120,600] [repeats=5] [probe=1000 (ms; 0: backoff only)] [broker=mosquitto]
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
outages=5,30,120,600 repeats=5 probe=1000 broker=mosquitto
for arg in "$@"; do
  case "$arg" in
    outages=*|repeats=*|probe=*|broker=*) declare "${arg%%=*}=${arg#*=}" ;;
    *) echo "usage: $0 [outages=S,S,...] [repeats=N] [probe=MS] [broker=mosquitto|embedded]" >&2; exit 2 ;;
  esac
done
cd "$top"
./mvnw -o -q -pl bundles/io.wardgate.uplink -am verify -Dtest=ReconnectTimeBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dwardgate.test.broker="$broker" \
  -Dwardgate.bench.reconnect="$outages" -Dwardgate.bench.repeats="$repeats" -Dwardgate.bench.probe="$probe"
cat bundles/io.wardgate.uplink/target/reconnect-benchmark.txt
