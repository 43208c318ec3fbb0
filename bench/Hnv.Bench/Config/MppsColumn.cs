using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Hnv.Bench.Config;

/// <summary>
/// Million operations per second on the one core a benchmark runs on: 1e-6 / Mean (in seconds). Each
/// pipeline benchmark forwards one packet per operation, so this is Mpps per core.
/// </summary>
public sealed class MppsColumn : IColumn
{
    public string Id => nameof(MppsColumn);

    public string ColumnName => "Mpps";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Million packets per second per core: 1e-6 / Mean in seconds (one packet per operation)";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return meanNanoseconds is > 0
            ? (1e3 / meanNanoseconds.Value).ToString("0.00", style.CultureInfo ?? CultureInfo.InvariantCulture)
            : "NA";
    }

    public override string ToString() => ColumnName;
}
