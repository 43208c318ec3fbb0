#!/usr/bin/env bash
# A/B of agent settings through the lab: one iperf3 TCP stream (or MEASURE) from b1 (host1) to b2 (host2), with the agents
# restarted on each variant's configuration in turn. Each variant is a JSON object merged (nested objects key by key)
# into both agents' configuration files (docs/agent.md lists the keys). On two shared vCPUs single runs move by 15 % or more, so the
# variants alternate: each round restarts the agents on one variant, warms up for 2 s, then measures RUNS runs.
# Prints every figure and the median per variant. This is how bench/README.md's A/B figures were taken.
#
#   bench/lab-ab.sh '{"workers": 1}' '{"workers": 2}'
#   ROUNDS=4 RUNS=2 SECONDS_PER_RUN=4 MTU=9000 bench/lab-ab.sh '{"workers": 2}' '{"workers": 2, "workerCpus": [0, 1]}'
#   MEASURE=udp64 bench/lab-ab.sh '{"workers": 1}' '{"workers": 2}'   # or tcp4: 4 TCP streams; tcp (one stream) by default
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/two-hosts.sh
source bench/two-hosts.sh
if [[ $# -lt 2 ]]; then
  echo "usage: bench/lab-ab.sh VARIANT VARIANT... (each a JSON object merged into the agents' configuration)" >&2
  exit 2
fi

rounds=${ROUNDS:-3}
runs=${RUNS:-2}
duration=${SECONDS_PER_RUN:-4}
mtu=${MTU:-1500}
lab=ab

scripts/setup.sh
dotnet build src/Hnv.Cli -c Release -nologo -v quiet >/dev/null
dotnet build src/Hnv.Agent -c Release -nologo -v quiet >/dev/null
dotnet build src/Hnv.Controller -c Release -nologo -v quiet >/dev/null
export HNV_CONTROLLER_PROGRAM="$PWD/src/Hnv.Controller/bin/Release/net10.0/hnv-controller.dll"
export HNV_AGENT="$PWD/src/Hnv.Agent/bin/Release/net10.0/hnv-agent.dll"
hnv() { dotnet src/Hnv.Cli/bin/Release/net10.0/hnv.dll "$@"; }
work=$(mktemp -d)
trap 'hnv lab down $lab >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
state=/run/hnv/labs/$lab

for variant in "$@"; do
  python3 -c 'import json, sys; assert isinstance(json.loads(sys.argv[1]), dict)' "$variant" 2>/dev/null ||
    { echo "not a JSON object: $variant" >&2; exit 2; }
done

two_hosts_topology "$lab" "$mtu" > "$work/ab.yaml"
hnv lab up "$work/ab.yaml" >/dev/null
for host in host1 host2; do cp "$state/$host.agent.json" "$work/$host.agent.json"; done

# Restarts both agents on the base configuration with VARIANT merged in, as `hnv lab up` started them.
restart() { # variant
  for host in host1 host2; do
    python3 -c '
import json, sys
def merge(base, change):  # nested objects merge key by key, so {"underlay": {"gso": false}} keeps the PAs
    for key, value in change.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merge(base[key], value)
        else:
            base[key] = value
c = json.load(open(sys.argv[1])); merge(c, json.loads(sys.argv[2])); json.dump(c, open(sys.argv[3], "w"), indent=2)' \
      "$work/$host.agent.json" "$1" "$state/$host.agent.json"
    for pid in $(pgrep -f -- "--config $state/$host.agent.json" || true); do
      kill "$pid"
      while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    done
    mapfile -t command < <(python3 -c 'import json, sys; [print(a) for a in next(a for a in json.load(open(sys.argv[1]))["agents"] if a["host"] == sys.argv[2])["command"]]' \
      "$state/lab.json" "$host")
    rm -f "$state/$host.sock"
    nohup ip netns exec "$lab-$host" "${command[@]}" >>"$state/$host.log" 2>&1 &
  done
  for _ in $(seq 100); do
    [[ -S "$state/host1.sock" && -S "$state/host2.sock" ]] && ip netns exec "$lab-b1" ping -c 1 -W 1 -q 10.0.0.11 >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "the agents did not come back on $1; see $state/host1.log and host2.log" >&2
  exit 1
}

measure=${MEASURE:-tcp}
case "$measure" in
  tcp) unit="TCP 1 stream Gbit/s" ;;
  tcp4) unit="TCP 4 streams Gbit/s" ;;
  udp64) unit="UDP 64 B kpps read by iperf3" ;;
  *) echo "MEASURE is tcp, tcp4 or udp64, not $measure" >&2; exit 2 ;;
esac

run() { # seconds -> the figure MEASURE names
  ip netns exec "$lab-b2" iperf3 -s -1 -D -p 5401 >/dev/null; sleep 0.3
  case "$measure" in
    tcp | tcp4)
      ip netns exec "$lab-b1" iperf3 -c 10.0.0.11 -p 5401 -P "$([[ $measure == tcp4 ]] && echo 4 || echo 1)" -t "$1" -J |
        python3 -c 'import json,sys; print("%.2f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"] / 1e9))' ;;
    udp64)
      ip netns exec "$lab-b1" iperf3 -c 10.0.0.11 -p 5401 -u -l 64 -b 0 -t "$1" -J |
        python3 -c 'import json,sys; s=json.load(sys.stdin)["end"]["sum"]; print("%.0f" % ((s["packets"] - s["lost_packets"]) / s["seconds"] / 1e3))' ;;
  esac
}

declare -A figures
for _ in $(seq "$rounds"); do
  for variant in "$@"; do
    restart "$variant"
    run 2 >/dev/null
    for _ in $(seq "$runs"); do figures[$variant]+="$(run "$duration") "; done
  done
done

echo
echo "== $unit, fabric MTU $mtu, $rounds round(s) of $runs run(s) of ${duration} s per variant"
for variant in "$@"; do
  # shellcheck disable=SC2086 # the figures are one word each
  median=$(printf '%s\n' ${figures[$variant]} | sort -g | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}')
  printf 'median %5s  %-40s %s\n' "$median" "$variant" "${figures[$variant]}"
done
