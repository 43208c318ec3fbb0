#!/usr/bin/env bash
# One gateway serving many routing domains at once, all nat with the same 10.0.0.0/24 behind one external address:
# the gateway's memory (RSS) with 1 domain and with DOMAINS (default 100), so the cost per domain; the time from the
# gateway's start until every routing context routes its domain; that the first domain's VM still resolves a name
# outside with all of them up; and, with all of them up, the time from one more domain's write to the controller
# (POST /gateways/gw1/domains, as `hnv gateway domain add` sends it, without the CLI's start) until the gateway routes
# it with its NAT loaded (its GET /v1/status lists the context with its routes).
#
#   bench/gateway-scale.sh             # 1 and 100 domains
#   DOMAINS=300 bench/gateway-scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lab-common.sh
source bench/lab-common.sh
domains=${DOMAINS:-100}

scripts/setup.sh
build_lab_programs Cli Agent Controller Gateway
lab=gws
work=$(mktemp -d)
trap 'hnv lab down $lab >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

topology() { # domains -> YAML: domain d1..dN, each VSID 5000+i with 10.0.0.0/24; VM b1 in d1; gw1 serving all
  echo "name: $lab"
  echo "underlay: { mtu: 1500, family: ipv4 }"
  echo "hosts: [host1]"
  echo "routingDomains:"
  for i in $(seq "$1"); do
    echo "  - { name: d$i, subnets: [{ vsid: $((5000 + i)), prefixes: [10.0.0.0/24] }] }"
  done
  echo "vms:"
  echo "  - { name: b1, host: host1, subnet: 5001, addresses: [10.0.0.10] }"
  echo "gateways:"
  echo "  - name: gw1"
  echo "    domains:"
  for i in $(seq "$1"); do
    echo "      - { routingDomain: d$i }"
  done
}

measure() { # domains -> sets rss (MiB) and ready (seconds)
  topology "$1" > "$work/scale.yaml"
  hnv lab up --timeout 300 "$work/scale.yaml" >/dev/null 2>"$work/up.log" || { cat "$work/up.log" >&2; exit 1; }
  local answer
  answer=$(ip netns exec "$lab-b1" dig +short +time=2 @203.0.113.53 www.example)
  [[ "$answer" == 203.0.113.80 ]] || { echo "b1 could not resolve through the gateway with $1 domains: '$answer'" >&2; exit 1; }
  local pid log start last
  pid=$(pgrep -f "hnv-gateway.dll --config /run/hnv/labs/$lab/")
  rss=$(awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status")
  log=/run/hnv/labs/$lab/gw1.log
  # From "starting" to the last context's first routes, by the gateway's own timestamps.
  start=$(grep -m1 'starting:' "$log" | cut -c1-24)
  last=$(grep 'routes toward its VMs now' "$log" | tail -1 | cut -c1-24)
  ready=$(python3 -c "from datetime import datetime as d; f='%Y-%m-%dT%H:%M:%S.%fZ'; print('%.2f' % (d.strptime('$last', f) - d.strptime('$start', f)).total_seconds())")
  [[ "$1" -gt 1 ]] && added=$(add_domain)
  hnv lab down "$lab" >/dev/null
}

add_domain() { # prints the ms from the write of one more served domain until gw1 routes it
  (
    eval "$(hnv lab env "$lab")"
    local rdid t0 t1
    rdid=$(hnv routing-domain add extra -o json | python3 -c 'import json, sys; print(json.load(sys.stdin)["rdid"])')
    hnv subnet add 9001 -r extra --prefix 10.0.0.0/24 >/dev/null
    t0=$(date +%s%N)
    curl -sf --unix-socket "${HNV_CONTROLLER#unix:}" -H "Authorization: Bearer $(cat "$HNV_TOKEN_FILE")" -H 'Content-Type: application/json' \
      -d "{\"routingDomain\": \"$rdid\", \"externalAddresses\": [\"203.0.113.100\"]}" http://controller/api/v1/gateways/gw1/domains >/dev/null
    until curl -s --unix-socket "/run/hnv/labs/$lab/gw1.sock" http://gw/v1/status \
        | python3 -c "import json, sys; sys.exit(0 if any(d['rdid'] == '$rdid' and d['routes'] for d in json.load(sys.stdin)['domains']) else 1)"; do
      [[ $(( ($(date +%s%N) - t0) / 1000000 )) -lt 30000 ]] || { echo "the gateway did not route the added domain in 30 s" >&2; exit 1; }
      sleep 0.02
    done
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000000 ))
  )
}

measure 1
rss1=$rss t1=$ready
measure "$domains"
rssn=$rss tn=$ready
echo
echo "== one gateway, nat domains with the same 10.0.0.0/24 behind 203.0.113.100"
printf '%-10s %12s %26s\n' domains "RSS MiB" "start -> all contexts routed"
printf '%-10s %12s %24s s\n' 1 "$rss1" "$t1"
printf '%-10s %12s %24s s\n' "$domains" "$rssn" "$tn"
echo "per added domain: $(echo "scale=1; 1024 * ($rssn - $rss1) / ($domains - 1)" | bc) KiB of the gateway's memory, $(echo "scale=1; 1000 * ($tn - $t1) / ($domains - 1)" | bc) ms to set up"
echo "one more domain with $domains up: $added ms from its write to the controller until the gateway routes it (its context made, NAT loaded)"
