using BenchmarkDotNet.Reports;

namespace Hnv.Bench.Config;

/// <summary>
/// The budget of docs/architecture.md, "benchmarks hold an allocation budget": a pipeline benchmark allocates 0 bytes per packet. Checked on the
/// summaries after the run; any benchmark that allocated, failed, or has no allocation figure breaks it.
/// </summary>
public static class AllocationBudget
{
    /// <summary>What broke the budget, one line per benchmark; empty when every benchmark kept it.</summary>
    public static IReadOnlyList<string> Violations(IEnumerable<Summary> summaries)
    {
        var violations = new List<string>();
        var reports = 0;
        foreach (var summary in summaries)
        {
            if (summary.HasCriticalValidationErrors)
            {
                violations.Add($"{summary.Title}: critical validation errors, nothing was measured.");
            }

            foreach (var report in summary.Reports)
            {
                reports++;
                var name = report.BenchmarkCase.DisplayInfo;
                if (!report.Success || report.ResultStatistics is null)
                {
                    violations.Add($"{name}: did not run to the end.");
                    continue;
                }

                var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
                if (allocated is not 0)
                {
                    violations.Add($"{name}: {(allocated is null ? "no allocation figure" : $"{allocated} bytes allocated per operation")}, budget 0.");
                }
            }
        }

        if (reports == 0)
        {
            violations.Add("No benchmark ran (check --filter).");
        }

        return violations;
    }
}
