using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;

namespace Hnv.Bench.Config;

/// <summary>The one configuration every hnv benchmark runs with.</summary>
public static class BenchConfig
{
    /// <summary>
    /// Allocations always measured, times in nanoseconds, the Mpps column. <paramref name="quick"/> takes a
    /// short job (1 launch, 3 warmups, 3 iterations) for CI smoke runs and development; otherwise a full job
    /// whose iteration count is bounded so a run on the shared machine ends in minutes.
    /// </summary>
    public static IConfig Create(bool quick)
    {
        var job = quick
            ? Job.ShortRun.WithId("quick")
            : Job.Default.WithMinIterationCount(15).WithMaxIterationCount(30).WithId("full");
        return DefaultConfig.Instance
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(new MppsColumn())
            .WithSummaryStyle(SummaryStyle.Default.WithTimeUnit(TimeUnit.Nanosecond));
    }
}
