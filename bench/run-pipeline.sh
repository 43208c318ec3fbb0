#!/usr/bin/env bash
# Builds the in-memory benchmarks in Release, runs them, and prints BenchmarkDotNet's tables.
# Exits non-zero when a benchmark fails or a pipeline benchmark allocates (budget: 0 bytes per packet).
#
#   bench/run-pipeline.sh                                 # the proper run (full job, ~15 minutes)
#   bench/run-pipeline.sh --quick                         # CI smoke: short job (~6 minutes)
#   bench/run-pipeline.sh --quick --filter '*VmToUnderlay*'   # one path; other arguments go to BenchmarkDotNet
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$here/Hnv.Bench/Hnv.Bench.csproj"
artifacts="$here/BenchmarkDotNet.Artifacts"

dotnet build "$project" -c Release -nologo -v quiet
rm -rf "$artifacts/results"

status=0
dotnet run --project "$project" -c Release --no-build -- --artifacts "$artifacts" "$@" || status=$?

echo
echo "== Summary (Ratio = time / one Span.CopyTo of the same frame; goals: Ratio <= 4 at 1500 bytes, Mpps >= 10 at 64 bytes)"
shopt -s nullglob
reports=("$artifacts"/results/*-report-github.md)
if [ "${#reports[@]}" -gt 0 ]; then
    # The machine and runtime, once (every report has the same header).
    sed -n '/^```/,/^```/p' "${reports[0]}" | grep -v '^```'
fi
for report in "${reports[@]}"; do
    echo
    echo "### $(basename "$report" -report-github.md)"
    # The table only (the environment header is in the file).
    grep '^|' "$report"
done

if [ "$status" -ne 0 ]; then
    echo "run-pipeline: FAILED (exit $status): see 'allocation budget:' lines above." >&2
fi
exit "$status"
