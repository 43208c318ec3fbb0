#!/usr/bin/env bash
# The main job: set up, build, bring up examples/demo.yaml with `hnv lab` (a controller on its embedded SQLite
# store; three hosts, each running the real hnv-agent watching it; two tenants with the same 10.0.0.0/24 and
# fd00:b::/64; a gateway to the lab's outside network), show each tenant's VMs reaching their neighbours, and only
# theirs, and the outside through the gateway's NAT, then change policy through the controller with `hnv` and watch
# it take effect. KEEP=1 leaves the lab up to explore (hnv lab down demo).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/Hnv.Cli -c Release -nologo -v quiet
dotnet build src/Hnv.Agent -c Release -nologo -v quiet
dotnet build src/Hnv.Controller -c Release -nologo -v quiet
dotnet build src/Hnv.Gateway -c Release -nologo -v quiet
export HNV_AGENT="$PWD/src/Hnv.Agent/bin/Release/net10.0/hnv-agent.dll"
export HNV_CONTROLLER_PROGRAM="$PWD/src/Hnv.Controller/bin/Release/net10.0/hnv-controller.dll"
export HNV_GATEWAY_PROGRAM="$PWD/src/Hnv.Gateway/bin/Release/net10.0/hnv-gateway.dll"
hnv() { dotnet src/Hnv.Cli/bin/Release/net10.0/hnv.dll "$@"; }

hnv lab down demo >/dev/null 2>&1 || true
hnv lab up examples/demo.yaml
[ "${KEEP:-0}" = 1 ] || trap 'echo; hnv lab down demo' EXIT

step() { echo; echo "== $*"; }
step "blue b1 (host1) -> blue b2 (host2) and b3 (host3), IPv4 and IPv6"
hnv lab exec demo b1 -- ping -c 2 -i 0.3 10.0.0.11
hnv lab exec demo b1 -- ping -c 2 -i 0.3 10.0.0.12
hnv lab exec demo b1 -- ping -6 -c 2 -i 0.3 fd00:b::11
step "red r1 (host1, the same CA as b1) -> red r2 (host3, the same CA as b2)"
hnv lab exec demo r1 -- ping -c 2 -i 0.3 10.0.0.11
step "red r1 -> 10.0.0.12: blue's address, which red does not have (no answer is the right answer)"
hnv lab exec demo r1 -- ping -c 1 -W 1 10.0.0.12 || echo "(unreachable, as it should be)"
step "the controller: every host connected and current (hnv status), and blue's lookup records (0.0.0.0: the gateway's, which the controller derives)"
eval "$(hnv lab env demo)"
hnv status
hnv lookup-record list --routing-domain blue
step "seeing inside: b1's packet to b2, stage by stage on both hosts, its NVGRE envelope, and a live probe that agrees (hnv trace --live)"
hnv trace --from b1 --to 10.0.0.11 --proto tcp --dport 80 --live
step "and red r1 to blue's 10.0.0.12: where and why it stops"
hnv trace --from r1 --to 10.0.0.12 --summary
step "a new NIC for blue b3's CA on host2 is refused: the CA is in use in that routing domain (exit 4)"
hnv nic add dup --host host2 --subnet 5001 --mac 02:00:00:00:0d:01 --address 10.0.0.12 || echo "(refused, exit $?)"
step "remove blue b3's NIC through the controller: b1 no longer reaches it"
hnv nic remove b3
sleep 0.5
hnv lab exec demo b1 -- ping -c 1 -W 1 10.0.0.12 || echo "(unreachable now)"
step "the outside, through gateway gw1: blue b1 and red r1 (both 10.0.0.10) resolve www.example and fetch its page"
hnv lab exec demo b1 -- dig +short www.example
hnv lab exec demo r1 -- curl -s http://www.example/
step "the gateway as the controller knows it: alive, active for both tenants; the controller made each subnet's GatewayWildcard record to it"
hnv gateway list
hnv gateway domain list gw1
step "the gateway's translations (hnv lab nat: its API reads each routing context's conntrack): both tenants' 10.0.0.10, told apart"
hnv lab nat demo gw1
step "and in the gateway's own namespace: each tenant behind its own transit address, both leaving from 203.0.113.100"
ip netns exec demo-gw1 conntrack -L -p udp --dport 53 2>/dev/null
step "the outside reaches blue b2's web server only through the forwarded port 203.0.113.100:8080"
ip netns exec demo-b2 python3 -m http.server 80 --bind 10.0.0.11 --directory examples >/dev/null 2>&1 &
web=$!
sleep 1
ip netns exec demo-out curl -s -o /dev/null -w "GET http://203.0.113.100:8080/demo.yaml from outside: HTTP %{http_code}\n" http://203.0.113.100:8080/demo.yaml
kill "$web"
step "what host1's agent counted: drops by reason, packets per VSID, I/O (its local API, GET /v1/counters)"
hnv lab counters demo host1
step "the lab (its topology page: hnv lab page demo prints its address with the token)"
hnv lab status demo
