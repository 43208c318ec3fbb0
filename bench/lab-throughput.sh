#!/usr/bin/env bash
# VM to VM across two hosts, through hnv and through the Linux kernel's VXLAN over the same fabric, in one run:
# iperf3 TCP (1 and 4 streams) and UDP 64-byte packets/s, with the hnv agents' CPU use. Runs with a 1500-byte
# fabric and a 9000-byte one (VMs at the largest MTU each allows). Prints each figure and the ratio hnv/kernel.
#
# On two shared vCPUs one run varies by 15 % or more, so each figure is the median of ROUNDS rounds, each round
# measuring hnv and then the kernel; the range across rounds is printed beside it.
#
#   bench/lab-throughput.sh            # 3 rounds, 5 s per measurement
#   ROUNDS=5 SECONDS_PER_RUN=10 bench/lab-throughput.sh
#   bench/lab-throughput.sh --quick    # while iterating: 1 round, 3 s per measurement, 1500-byte fabric only
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/two-hosts.sh
source bench/two-hosts.sh
# shellcheck source=bench/lab-common.sh
source bench/lab-common.sh
duration=${SECONDS_PER_RUN:-5}
rounds=${ROUNDS:-3}
mtus=${MTUS:-"1500 9000"}
if [[ "${1:-}" == "--quick" ]]; then
  duration=${SECONDS_PER_RUN:-3}
  rounds=${ROUNDS:-1}
  mtus=${MTUS:-1500}
fi

scripts/setup.sh
build_lab_programs Cli Agent Controller
lab=bench
work=$(mktemp -d)
trap 'hnv lab down $lab >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

# The agents' CPU seconds (user + system) so far.
agent_cpu() { cpu_of "hnv-agent.dll --config /run/hnv/labs/$lab/"; }

tcp() { # vm-from vm-to address streams -> Gbit/s
  ip netns exec "$lab-$2" iperf3 -s -1 -D -p 5401 >/dev/null; sleep 0.5
  ip netns exec "$lab-$1" iperf3 -c "$3" -p 5401 -P "$4" -t "$duration" -J |
    python3 -c 'import json,sys; print("%.2f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"] / 1e9))'
}

udp_arrived() { # namespace -> datagrams that reached its UDP layer (delivered, or dropped there: InDatagrams + InErrors)
  ip netns exec "$1" cat /proc/net/snmp | awk '$1 == "Udp:" && $2 ~ /^[0-9]+$/ {print $2 + $4}'
}

# Two figures: what the receiving iperf3 counted, and what reached the receiving VM's UDP layer (counted in
# datagrams: one write toward the VM may carry many). They differ when the receiving VM, sharing the two vCPUs
# with everything else, drops datagrams at its own socket (RcvbufErrors).
udp64() { # vm-from vm-to address -> "received-kpps nic-kpps"
  ip netns exec "$lab-$2" iperf3 -s -1 -D -p 5402 >/dev/null; sleep 0.5
  local before after received
  before=$(udp_arrived "$lab-$2")
  received=$(ip netns exec "$lab-$1" iperf3 -c "$3" -p 5402 -u -l 64 -b 0 -t "$duration" -J |
    python3 -c 'import json,sys; s=json.load(sys.stdin)["end"]["sum"]; print("%.0f" % ((s["packets"] - s["lost_packets"]) / s["seconds"] / 1e3))')
  after=$(udp_arrived "$lab-$2")
  echo "$received $(( (after - before) / duration / 1000 ))"
}

# Kernel VXLAN beside hnv: two more VMs (kv1, kv2), a bridge and a VXLAN device in each host namespace.
vxlan_up() { # mtu
  local vm_mtu=$(($1 - 50))
  for i in 1 2; do
    local host="$lab-host$i" vm="$lab-kv$i" peer=$((3 - i))
    ip netns add "$vm"
    ip -n "$host" link add kvx type vxlan id 4242 local "192.0.2.$i" remote "192.0.2.$peer" dstport 4789 dev eth0
    ip -n "$host" link add kbr type bridge
    ip -n "$host" link add kv type veth peer name eth0 netns "$vm"
    ip -n "$host" link set kvx master kbr mtu "$vm_mtu" up
    ip -n "$host" link set kv master kbr mtu "$vm_mtu" up
    ip -n "$host" link set kbr up
    ip -n "$vm" link set lo up
    ip -n "$vm" link set eth0 mtu "$vm_mtu" up
    ip -n "$vm" addr add "10.9.0.$i/24" dev eth0
  done
}

vxlan_down() {
  for i in 1 2; do
    ip netns del "$lab-kv$i" 2>/dev/null || true
    ip -n "$lab-host$i" link del kvx 2>/dev/null || true
    ip -n "$lab-host$i" link del kbr 2>/dev/null || true
  done
}

row() { # label hnv-values kernel-values
  local h k
  h=$(median $2); k=$(median $3)
  printf '%-22s %12s %12s %8s %14s %14s\n' "$1" "$h" "$k" "$(ratio "$h" "$k")" "$(range $2)" "$(range $3)"
}

for mtu in $mtus; do
  two_hosts_topology "$lab" "$mtu" > "$work/bench.yaml"
  hnv lab up "$work/bench.yaml" >/dev/null
  vxlan_up "$mtu"
  ip netns exec "$lab-b1" ping -c 2 -i 0.2 -q 10.0.0.11 >/dev/null
  ip netns exec "$lab-kv1" ping -c 2 -i 0.2 -q 10.9.0.2 >/dev/null

  h1=(); h4=(); hu=(); hn=(); k1=(); k4=(); ku=(); kn=(); cpu=0; busy_seconds=0
  for _ in $(seq "$rounds"); do
    cpu0=$(agent_cpu); t0=$(date +%s.%N)
    h1+=("$(tcp b1 b2 10.0.0.11 1)"); h4+=("$(tcp b1 b2 10.0.0.11 4)"); read -r u n < <(udp64 b1 b2 10.0.0.11); hu+=("$u"); hn+=("$n")
    cpu1=$(agent_cpu); t1=$(date +%s.%N)
    cpu=$(echo "$cpu + $cpu1 - $cpu0" | bc); busy_seconds=$(echo "$busy_seconds + $t1 - $t0" | bc)
    k1+=("$(tcp kv1 kv2 10.9.0.2 1)"); k4+=("$(tcp kv1 kv2 10.9.0.2 4)"); read -r u n < <(udp64 kv1 kv2 10.9.0.2); ku+=("$u"); kn+=("$n")
  done
  busy=$(echo "scale=0; 100 * $cpu / $busy_seconds" | bc)

  echo
  echo "== fabric MTU $mtu (hnv VMs at $((mtu - 42)), kernel VXLAN VMs at $((mtu - 50))), median of $rounds round(s) of ${duration} s"
  printf '%-22s %12s %12s %8s %14s %14s\n' measurement hnv kernel-vxlan ratio "hnv range" "kernel range"
  row "TCP 1 stream Gbit/s" "${h1[*]}" "${k1[*]}"
  row "TCP 4 streams Gbit/s" "${h4[*]}" "${k4[*]}"
  row "UDP 64 B kpps" "${hu[*]}" "${ku[*]}"
  row "  at VM's UDP layer" "${hn[*]}" "${kn[*]}"
  echo "hnv agents' CPU during the hnv runs: ${busy}% of one core (both agents together)"

  vxlan_down
  hnv lab down "$lab" >/dev/null
done
