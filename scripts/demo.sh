#!/usr/bin/env bash
# The main job (until `hnv lab` exists): set up, build, and show what hnv sees in a capture of its own
# pipeline's output: NVGRE between two hosts for two tenants with the same CAs, ARP and ND answered from
# policy, the gateway's echo replies, and the ICMP errors a VM gets for TTL and path MTU.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/Hnv.Cli -c Release -nologo -v quiet
hnv=(dotnet src/Hnv.Cli/bin/Release/net10.0/hnv.dll)

capture=${1:-samples/nvgre-demo.pcap}
echo "== hnv decode $capture"
"${hnv[@]}" decode "$capture"
echo
echo "== the first two packets as JSON"
"${hnv[@]}" decode "$capture" --output json | head -c 1200
echo
