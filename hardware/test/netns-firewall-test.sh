#!/bin/bash
# Exercises hardware/common/wardgate.nft in network namespaces (requirement S15):
#   hospital side  [ns hosp: IT host, broker, NTP, syslog .2-.5; outsider .100] -- 198.18.1.0/24
#   gateway        [ns gw: the rules under test; IP forwarding ON, so only the firewall stops transit]
#   device side    [ns dev: a networked bedside device .2]                    -- 198.18.2.0/24
# Network sources (io.wardgate.network) listen on the device side only: the rules must let device-side
# senders reach exactly the configured source ports, and nothing from the hospital side reach them.
# Addresses are from 198.18.0.0/15 (RFC 2544 benchmarking), exist only inside these namespaces, and
# every probe is one bounded connection attempt. Needs root, iproute2, nftables, socat.
# usage: netns-firewall-test.sh RULES.nft SITE-TEMPLATE.nft   (prints "N passed, M failed")
set -uo pipefail
rules="$(readlink -f "$1")"; template="$(readlink -f "$2")"
id="$$"; gw="wgfw-gw-$id"; hosp="wgfw-hosp-$id"; dev="wgfw-dev-$id"
work="$(mktemp -d)"; pids=()
passed=0; failed=0

cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  # Every process left in our namespaces (listeners and their forks) goes with them.
  for n in "$gw" "$hosp" "$dev"; do
    for p in $(ip netns pids "$n" 2>/dev/null); do kill "$p" 2>/dev/null; done
    ip netns del "$n" 2>/dev/null
  done
  rm -rf "$work"
}
trap cleanup EXIT

for tool in ip nft socat; do command -v "$tool" >/dev/null || { echo "missing tool: $tool"; exit 3; }; done
[ "$(id -u)" = 0 ] || { echo "needs root (network namespaces)"; exit 3; }

nsx() { local ns="$1"; shift; ip netns exec "$ns" "$@"; }
set -e
for n in "$gw" "$hosp" "$dev"; do ip netns add "$n"; nsx "$n" ip link set lo up; done
ip link add wgh0 netns "$gw" type veth peer name wgh1 netns "$hosp"
ip link add wgd0 netns "$gw" type veth peer name wgd1 netns "$dev"
nsx "$gw" ip addr add 198.18.1.1/24 dev wgh0
nsx "$gw" ip addr add 198.18.2.1/24 dev wgd0
for a in 2 3 4 5 100; do nsx "$hosp" ip addr add "198.18.1.$a/24" dev wgh1; done
nsx "$dev" ip addr add 198.18.2.2/24 dev wgd1
for l in "$gw wgh0" "$gw wgd0" "$hosp wgh1" "$dev wgd1"; do set -- $l; nsx "$1" ip link set "$2" up; done
nsx "$hosp" ip route add 198.18.2.0/24 via 198.18.1.1
nsx "$dev" ip route add default via 198.18.2.1
nsx "$gw" sysctl -qw net.ipv4.ip_forward=1
set +e

listen_tcp() { ip netns exec "$1" socat "TCP-LISTEN:$3,bind=$2,reuseaddr,fork" SYSTEM:'echo pong' </dev/null >/dev/null 2>&1 & pids+=($!); }
listen_udp() { ip netns exec "$1" socat "UDP-RECVFROM:$3,bind=$2,fork" SYSTEM:'echo pong' </dev/null >/dev/null 2>&1 & pids+=($!); }
listen_tcp "$hosp" 198.18.1.2 8883; listen_tcp "$hosp" 198.18.1.2 2222; listen_tcp "$hosp" 198.18.1.100 8883
listen_udp "$hosp" 198.18.1.3 123; listen_tcp "$hosp" 198.18.1.4 6514
listen_tcp "$gw" 0.0.0.0 8443; listen_tcp "$gw" 0.0.0.0 2222
listen_tcp "$dev" 198.18.2.2 24105; listen_tcp "$dev" 198.18.2.2 2223
listen_tcp "$hosp" 198.18.1.3 4460; listen_tcp "$hosp" 198.18.1.4 4460
# Network sources: what a configured source listens on, on every address (so that only the rules decide),
# and a monitor's Data Export port on the device.
listen_udp "$gw" 0.0.0.0 24005; listen_tcp "$gw" 0.0.0.0 2575; listen_udp "$gw" 0.0.0.0 24006
listen_udp "$dev" 198.18.2.2 24105

probe() { # probe NS PROTO ADDR PORT [SOURCE]: 0 when the listener answered
  local bind=""; [ -n "${5:-}" ] && bind=",bind=$5"
  local out
  if [ "$2" = udp ]; then
    # UDP may lose a datagram, and the listener forks a shell per datagram, which takes seconds on a
    # loaded machine: three tries with a generous wait; a blocked flow fails all three.
    # -t: after our EOF socat waits this long for the answer (default 0.5 s).
    for _ in 1 2 3; do
      out="$(echo ping | nsx "$1" timeout 10 socat -T6 -t6 - "UDP:$3:$4$bind" 2>/dev/null)"
      [ "$out" = pong ] && break
    done
  else
    out="$(nsx "$1" timeout 4 socat -T2 - "TCP:$3:$4,connect-timeout=2$bind" </dev/null 2>/dev/null)"
  fi
  [ "$out" = pong ]
}
expect() { # expect allowed|blocked DESCRIPTION PROBE-ARGS...
  local want="$1" what="$2"; shift 2
  local got=blocked
  probe "$@" && got=allowed
  if [ "$got" = "$want" ]; then passed=$((passed + 1)); echo "ok   $what: $got"
  else failed=$((failed + 1)); echo "FAIL $what: expected $want, got $got"; fi
}
# Wait until the listeners are up (bounded).
for _ in $(seq 50); do
  probe "$hosp" tcp 198.18.1.2 8883 && probe "$gw" tcp 198.18.1.1 8443 && probe "$gw" udp 198.18.1.3 123 && break
  sleep 0.1
done

# Without the rules the topology routes: the device side reaches the hospital side.
expect allowed "control, no rules: device -> hospital broker is routed" "$dev" tcp 198.18.1.2 8883

cat > "$work/firewall-site.nft" <<SITE
$(grep -v '^define ' "$template")
define hospital_if = "wgh0"
define device_if = "wgd0"
define it_subnet = { 198.18.1.0/29 }
define it_subnet6 = { fd00:18:1::/64 }
define https_port = 8443
define brokers = { 198.18.1.2 }
define broker_ports = { 8883 }
define ntp_servers = { 198.18.1.3 }
define syslog_servers = { 198.18.1.4 }
define syslog_ports = { 6514 }
define dns_servers = { 198.18.1.5 }
define device_subnet = { 198.18.2.0/24 }
define device_ports = { 24105 }
define device_udp_listen = { 24005 }
define device_tcp_listen = { 2575 }
define device_udp_ports = { 24105 }
SITE
if ! nsx "$gw" nft -I "$work" -f "$rules"; then echo "FAIL loading the rules"; echo "$passed passed, $((failed + 1)) failed"; exit 1; fi

expect blocked "device -> hospital broker (forwarding)" "$dev" tcp 198.18.1.2 8883
expect blocked "hospital IT host -> device (forwarding)" "$hosp" tcp 198.18.2.2 24105 198.18.1.2
expect blocked "device -> gateway HTTPS" "$dev" tcp 198.18.2.1 8443
expect allowed "gateway -> broker :8883" "$gw" tcp 198.18.1.2 8883
expect blocked "gateway -> broker host, other port :2222" "$gw" tcp 198.18.1.2 2222
expect blocked "gateway -> non-broker :8883" "$gw" tcp 198.18.1.100 8883
expect allowed "gateway -> NTP udp/123" "$gw" udp 198.18.1.3 123
expect allowed "gateway -> NTS-KE tcp/4460 of the NTP server" "$gw" tcp 198.18.1.3 4460
expect blocked "gateway -> tcp/4460 of a host that is not an NTP server" "$gw" tcp 198.18.1.4 4460
expect allowed "gateway -> syslog :6514" "$gw" tcp 198.18.1.4 6514
expect allowed "IT subnet -> gateway HTTPS :8443" "$hosp" tcp 198.18.1.1 8443 198.18.1.2
expect blocked "outside IT subnet -> gateway HTTPS :8443" "$hosp" tcp 198.18.1.1 8443 198.18.1.100
expect blocked "IT subnet -> gateway other port :2222" "$hosp" tcp 198.18.1.1 2222 198.18.1.2
expect allowed "gateway -> device :24105" "$gw" tcp 198.18.2.2 24105
expect blocked "gateway -> device, other port :2223" "$gw" tcp 198.18.2.2 2223
expect allowed "device -> gateway network source udp/24005 (device side)" "$dev" udp 198.18.2.1 24005
expect allowed "device -> gateway network source tcp/2575 (device side)" "$dev" tcp 198.18.2.1 2575
expect blocked "device -> gateway udp/24006 (no source there)" "$dev" udp 198.18.2.1 24006
expect blocked "hospital -> gateway udp/24005 (hospital side)" "$hosp" udp 198.18.1.1 24005 198.18.1.2
expect blocked "hospital -> gateway's device-side address udp/24005" "$hosp" udp 198.18.2.1 24005 198.18.1.2
expect blocked "hospital -> gateway tcp/2575 (hospital side)" "$hosp" tcp 198.18.1.1 2575 198.18.1.2
expect allowed "gateway -> monitor Data Export udp/24105" "$gw" udp 198.18.2.2 24105
nsx "$gw" nft list chain inet wardgate forward >/dev/null && echo "ok   table inet wardgate loaded"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
