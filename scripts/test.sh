#!/usr/bin/env bash
# Sets up the machine and runs every test of every tier, then prints one closing line:
# "tests: N passed, N failed". Exits non-zero when anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The build is the style guide: formatting first (fast), then analyzers and warnings as errors in the build.
dotnet format whitespace hnv.slnx --verify-no-changes
dotnet build hnv.slnx -c Release -warnaserror -nologo -v quiet

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test hnv.slnx -c Release --no-build -nologo 2>&1 | tee "$log" || status=$?

# Sum dotnet test's per-assembly lines ("Passed!  - Failed: 0, Passed: 97, Skipped: 0, ...").
read -r passed failed skipped < <(awk -F'[:,]' '/(Passed|Failed)! +- +Failed:/ {
  for (i = 1; i <= NF; i++) {
    if ($i ~ /Failed$/) f += $(i + 1); else if ($i ~ /Passed$/) p += $(i + 1); else if ($i ~ /Skipped$/) s += $(i + 1)
  }
} END { print p + 0, f + 0, s + 0 }' "$log")

if [ "$skipped" -ne 0 ]; then
  echo "tests: $skipped skipped; nothing may be skipped" >&2
  status=1
fi
if [ "$passed" -eq 0 ]; then
  echo "tests: no test ran" >&2
  status=1
fi
echo "tests: $passed passed, $failed failed"
exit "$status"
