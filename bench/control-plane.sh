#!/usr/bin/env bash
# The control-plane benchmark: builds the controller and the benchmark (Release), then loads 10^6 lookup records
# through the API and measures records/s, write-to-agent latency for 1,000 watching agents, and memory.
# Quick run: bench/control-plane.sh --scale 0.01
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/Hnv.Controller -c Release -nologo -v quiet
dotnet build bench/control-plane -c Release -nologo -v quiet
exec dotnet bench/control-plane/bin/Release/net10.0/Hnv.ControlPlane.Bench.dll \
  --controller src/Hnv.Controller/bin/Release/net10.0/hnv-controller.dll "$@"
