#!/usr/bin/env bash
# Failover between two gateways serving one routing domain (examples/failover.yaml): gw1 (priority 10, active) and gw2. A VM pings the outside
# every 10 ms; gw1 is killed with SIGKILL. Reported per round: the longest time without an answered ping around the
# kill, and when the first new connection that worked (a TCP handshake and an HTTP GET, tried one after another with
# 200 ms each) started after the kill. Goal (issue 14): new connections work again within 1 s.
#
#   bench/gateway-failover.sh            # 3 rounds
#   ROUNDS=5 bench/gateway-failover.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lab-common.sh
source bench/lab-common.sh
rounds=${ROUNDS:-3}

scripts/setup.sh
build_lab_programs Cli Agent Controller Gateway
lab=gwf
work=$(mktemp -d)
trap 'hnv lab down $lab >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
sed "s/^name: failover$/name: $lab/" examples/failover.yaml > "$work/failover.yaml"

active_is() { # gateway -> true when it is blue's active gateway and both gateways are alive (or only it, after the kill)
  hnv gateway list -o json | python3 -c "
import json, sys
gateways = json.load(sys.stdin)
active = [g['name'] for g in gateways if any(d['active'] for d in g['domains'])]
alive = [g['name'] for g in gateways if g['alive']]
sys.exit(0 if active == ['$1'] and ('$1' != 'gw1' or len(alive) == 2) else 1)"
}

gaps=() connections=()
for round in $(seq "$rounds"); do
  hnv lab up "$work/failover.yaml" >/dev/null 2>"$work/up.log" || { cat "$work/up.log" >&2; exit 1; }
  eval "$(hnv lab env "$lab")"
  until active_is gw1; do sleep 0.1; done
  ip netns exec "$lab-b1" ping -D -i 0.01 -W 1 -w 6 203.0.113.80 > "$work/ping" &
  ping=$!
  sleep 1.5
  gateway=$(python3 -c "import json; print(next(g['pid'] for g in json.load(open('/run/hnv/labs/$lab/lab.json'))['gateways'] if g['name'] == 'gw1'))")
  killed=$(date +%s%N)
  kill -9 "$gateway"
  while :; do
    started=$(date +%s%N)
    ip netns exec "$lab-b1" curl -s -m 0.2 -o /dev/null "http://203.0.113.80/?round=$round" && break
    (( (started - killed) / 1000000 < 10000 )) || { echo "no new connection worked within 10 s of the kill" >&2; exit 1; }
  done
  connections+=($(( (started - killed) / 1000000 )))
  wait "$ping" || true
  gaps+=("$(python3 - "$work/ping" "$killed" <<'PY'
import re, sys
killed = int(sys.argv[2]) / 1e9
times = [float(t) for t in re.findall(r"^\[(\d+\.\d+)\] \d+ bytes from", open(sys.argv[1]).read(), re.M)]
times = [t for t in times if t > killed - 1]
print(round(1000 * max(b - a for a, b in zip(times, times[1:]))))
PY
)")
  until active_is gw2; do sleep 0.1; done
  echo "round $round: pings stopped for ${gaps[-1]} ms; the first new connection that worked started ${connections[-1]} ms after the kill"
  hnv lab down "$lab" >/dev/null
done

echo
echo "== failover, gw1 killed with SIGKILL, $rounds rounds (median, range)"
echo "longest time without an answered ping (every 10 ms): $(median "${gaps[@]}") ms ($(range "${gaps[@]}"))"
echo "first new connection that worked started after:      $(median "${connections[@]}") ms ($(range "${connections[@]}"))"
