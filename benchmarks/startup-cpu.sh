#!/usr/bin/env bash
# CPU of a configured start up to the uplink's first connection (docs/benchmarks-history.md, "Start-up to the
# first reading, fourth pass"): run beside benchmarks/e2e.sh, it waits for the gateway started from JAR,
# samples every thread's CPU (utime + stime, /proc) every 20 ms, and prints the process CPU at "Uplink
# connected" and at "WardGate ready" and the last CPU seen of the start-up threads at "Uplink connected"
# (threads that ended before, such as Paho's connect thread, keep their last sample). CPU milliseconds hold
# up under load where wall-clock times do not.
#   benchmarks/startup-cpu.sh distrib/appliance/target/wardgate.jar & \
#     MALLOC_ARENA_MAX=2 benchmarks/e2e.sh rates=30000 seconds=10 baseline=false windows= outage=0; wait
# (add warm=true to e2e for a warm start: framework storage prepared by an earlier start)
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
jar="$(realpath "${1:-$top/distrib/appliance/target/wardgate.jar}")"
# LOG=...: the gateway log of another e2e step (default: the first secured step at 30,000/s)
log="${LOG:-$top/benchmarks/e2e/target/e2e/01-secured-30000-w0/gateway.log}"
tick=$(getconf CLK_TCK)
pid=""
# The measured start (its configuration directory ends in /conf), not e2e's warm=true preparation (conf-prime).
for _ in $(seq 1 6000); do pid=$(pgrep -f -- "/conf -D.*-jar $jar" | head -1 || true); [ -n "$pid" ] && break; sleep 0.01; done
[ -n "$pid" ] || { echo "no gateway started from $jar" >&2; exit 1; }
declare -A last
snap() {
  while read -r name ms; do last[$name]=$ms; done < <(awk -v t="$tick" '{ a = index($0, "("); b = match($0, /\) [A-Z] /);
    n = substr($0, a + 1, b - a - 1); gsub(/ /, "_", n); split(substr($0, b + 2), f, " ");
    print n, int((f[12] + f[13]) * 1000 / t) }' /proc/"$pid"/task/*/stat 2>/dev/null)
}
cpu() { awk -v t="$tick" '{ sub(/.*\) /, ""); split($0, f, " "); printf "%d", (f[12] + f[13]) * 1000 / t }' /proc/"$pid"/stat; }
connected=""; ready=""; threads=""
for _ in $(seq 1 1500); do
  kill -0 "$pid" 2>/dev/null || break
  snap
  if [ -z "$connected" ] && grep -q "Uplink connected" "$log" 2>/dev/null; then
    connected=$(cpu)
    for name in "${!last[@]}"; do
      case $name in FelixStartLevel|C1_Compiler*|MQTT_Con*|wardgate-uplink|wardgate-update|wardgate-tls-wa*|wardgate-identi*|java|VM_Thread)
        threads="$threads $name=${last[$name]}" ;; esac
    done
  fi
  if [ -z "$ready" ] && grep -q "WardGate ready" "$log" 2>/dev/null; then ready=$(cpu); fi
  [ -n "$connected" ] && [ -n "$ready" ] && break
  sleep 0.02
done
echo "load average $(cut -d' ' -f1 /proc/loadavg); CPU ms at uplink connected ${connected:-?}, at ready ${ready:-?};" \
  "threads at connected (ms):$threads"
