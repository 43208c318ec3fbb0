#!/usr/bin/env bash
# A VM reaching the outside through hnv-gateway's NAT, beside the same traffic from a plain namespace through a
# kernel masquerade on the same outside network, in one run: iperf3 TCP (1 stream, to and from the outside) and UDP
# 64-byte packets/s to the outside, and new TCP connections/s (connect, close) to a server outside. Both senders have the same MTU (the
# VM's, 1458). Prints each figure, the ratio hnv/kernel, and the gateway's and the agent's CPU use.
#
# The hnv path: VM b1 -> host1's agent (NVGRE) -> gw1's node -> blue's routing context (SNAT to its transit
# address) -> gw1's namespace (SNAT to 203.0.113.100) -> outside. The kernel path: kvm -> krt (masquerade to
# 203.0.113.60) -> outside. Each figure is the median of ROUNDS rounds, each round measuring hnv, then the kernel.
#
#   bench/gateway.sh            # 3 rounds, 5 s per measurement
#   bench/gateway.sh --quick    # 1 round, 3 s
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lab-common.sh
source bench/lab-common.sh
duration=${SECONDS_PER_RUN:-5}
rounds=${ROUNDS:-3}
if [[ "${1:-}" == "--quick" ]]; then
  duration=${SECONDS_PER_RUN:-3}
  rounds=${ROUNDS:-1}
fi

scripts/setup.sh
build_lab_programs Cli Agent Controller Gateway
lab=gwb
work=$(mktemp -d)
trap 'hnv lab down $lab >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

cat > "$work/gateway.yaml" <<YAML
name: $lab
underlay: { mtu: 1500, family: ipv4, gro: ${GRO:-false} }
hosts: [host1]
routingDomains:
  - name: blue
    subnets:
      - { vsid: 5001, prefixes: [10.0.0.0/24] }
vms:
  - { name: b1, host: host1, subnet: 5001, addresses: [10.0.0.10] }
gateways:
  - name: gw1
    domains:
      - { routingDomain: blue }
YAML
hnv lab up "$work/gateway.yaml" >/dev/null

# The kernel's path on the same outside network: kvm (the sender, at the VM's MTU) behind krt, which masquerades.
out=$lab-out
ip netns add "$lab-kvm"
ip netns add "$lab-krt"
ip -n "$lab-kvm" link add eth0 mtu 1458 type veth peer name in0 mtu 1458 netns "$lab-krt"
ip -n "$out" link add krt type veth peer name ext0 netns "$lab-krt"
ip -n "$out" link set krt master out0 up
ip -n "$lab-kvm" addr add 172.16.0.2/30 dev eth0
ip -n "$lab-krt" addr add 172.16.0.1/30 dev in0
ip -n "$lab-krt" addr add 203.0.113.60/24 dev ext0
for ns in "$lab-kvm" "$lab-krt"; do
  ip -n "$ns" link set lo up
done
ip -n "$lab-kvm" link set eth0 up
ip -n "$lab-krt" link set in0 up
ip -n "$lab-krt" link set ext0 up
ip -n "$lab-kvm" route add default via 172.16.0.1
ip -n "$lab-krt" route add default via 203.0.113.1
ip netns exec "$lab-krt" sysctl -q -w net.ipv4.ip_forward=1
printf 'table ip masq {\n chain post {\n  type nat hook postrouting priority srcnat;\n  oifname "ext0" masquerade\n }\n}\n' | ip netns exec "$lab-krt" nft -f -

ip netns exec "$lab-b1" ping -c 2 -i 0.2 -q 203.0.113.80 >/dev/null
ip netns exec "$lab-kvm" ping -c 2 -i 0.2 -q 203.0.113.80 >/dev/null

gateway_cpu() { cpu_of "hnv-gateway.dll --config /run/hnv/labs/$lab/"; }
agent_cpu() { cpu_of "hnv-agent.dll --config /run/hnv/labs/$lab/"; }

tcp() { # namespace [-R] -> Gbit/s to the outside (with -R: from it, a download)
  ip netns exec "$out" iperf3 -s -1 -D -B 203.0.113.80 -p 5401 >/dev/null; sleep 0.5
  ip netns exec "$1" iperf3 -c 203.0.113.80 -p 5401 -t "$duration" ${2:-} -J |
    python3 -c 'import json,sys; print("%.2f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"] / 1e9))'
}

udp64() { # namespace -> kpps the outside iperf3 received
  ip netns exec "$out" iperf3 -s -1 -D -B 203.0.113.80 -p 5402 >/dev/null; sleep 0.5
  ip netns exec "$1" iperf3 -c 203.0.113.80 -p 5402 -u -l 64 -b 0 -t "$duration" -J |
    python3 -c 'import json,sys; s=json.load(sys.stdin)["end"]["sum"]; print("%.0f" % ((s["packets"] - s["lost_packets"]) / s["seconds"] / 1e3))'
}

# New connections: the client connects and closes as fast as it can; the server (outside) accepts and closes.
cat > "$work/accept.py" <<'PY'
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("203.0.113.80", 5403)); s.listen(4096)
while True:
    c, _ = s.accept(); c.close()
PY
cat > "$work/connect.py" <<'PY'
import socket, sys, time
end = time.monotonic() + float(sys.argv[1]); n = 0
while time.monotonic() < end:
    c = socket.socket(); c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    c.connect(("203.0.113.80", 5403)); c.close(); n += 1
print("%.0f" % (n / float(sys.argv[1])))
PY
ip netns exec "$out" python3 "$work/accept.py" &
server=$!
trap 'kill $server 2>/dev/null || true; hnv lab down $lab >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
sleep 0.5
connections() { ip netns exec "$1" python3 "$work/connect.py" "$duration"; }

row() { # label hnv-values kernel-values
  local h k
  h=$(median $2); k=$(median $3)
  printf '%-26s %12s %12s %8s %14s %14s\n' "$1" "$h" "$k" "$(ratio "$h" "$k")" "$(range $2)" "$(range $3)"
}

ht=(); hd=(); hu=(); hc=(); kt=(); kd=(); ku=(); kc=(); gcpu=0; acpu=0; busy=0
for _ in $(seq "$rounds"); do
  g0=$(gateway_cpu); a0=$(agent_cpu); t0=$(date +%s.%N)
  ht+=("$(tcp "$lab-b1")"); hd+=("$(tcp "$lab-b1" -R)"); hu+=("$(udp64 "$lab-b1")"); hc+=("$(connections "$lab-b1")")
  g1=$(gateway_cpu); a1=$(agent_cpu); t1=$(date +%s.%N)
  gcpu=$(echo "$gcpu + $g1 - $g0" | bc); acpu=$(echo "$acpu + $a1 - $a0" | bc); busy=$(echo "$busy + $t1 - $t0" | bc)
  kt+=("$(tcp "$lab-kvm")"); kd+=("$(tcp "$lab-kvm" -R)"); ku+=("$(udp64 "$lab-kvm")"); kc+=("$(connections "$lab-kvm")")
done

echo
echo "== VM -> outside through the gateway's NAT vs a kernel masquerade, median of $rounds round(s) of ${duration} s"
printf '%-26s %12s %12s %8s %14s %14s\n' measurement hnv kernel-nat ratio "hnv range" "kernel range"
row "TCP 1 stream up Gbit/s" "${ht[*]}" "${kt[*]}"
row "TCP 1 stream down Gbit/s" "${hd[*]}" "${kd[*]}"
row "UDP 64 B kpps" "${hu[*]}" "${ku[*]}"
row "new TCP connections/s" "${hc[*]}" "${kc[*]}"
echo "during the hnv runs: gateway $(echo "scale=0; 100 * $gcpu / $busy" | bc)% of one core, agent $(echo "scale=0; 100 * $acpu / $busy" | bc)%"
