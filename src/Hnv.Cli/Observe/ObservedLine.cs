using System.Globalization;
using Hnv.Client.Observe;

namespace Hnv.Cli.Observe;

/// <summary>One observed packet as a line of `hnv observe`'s table (columns fixed, since the lines stream).</summary>
internal static class ObservedLine
{
    public const string Header = "TIME          HOST        EVENT        REASON                    WHERE         VSID      FLOW";

    public static string Format(ObservedPacket p)
    {
        if (p.Event == "end")
        {
            return $"{Time(p)}  {Cell(p.Host, 10)}  end          {(p.Missed is > 0 ? $"{p.Missed} packets left out (over the rate)" : "nothing left out")}";
        }

        var where = p.Port ?? (p.OuterSource is null ? "underlay" : $"underlay {p.OuterSource}");
        var flow = p.Protocol is null ? "(not IP)" : p.SourcePort is null
            ? $"{p.Protocol} {p.Source} -> {p.Destination}"
            : $"{p.Protocol} {p.Source}:{p.SourcePort} -> {p.Destination}:{p.DestinationPort}";
        return $"{Time(p)}  {Cell(p.Host, 10)}  {Cell(p.Event, 11)}  {Cell(p.Reason ?? "-", 24)}  {Cell(where, 12)}  {Cell(p.Vsid?.ToString(CultureInfo.InvariantCulture) ?? "-", 8)}  {flow}";
    }

    private static string Time(ObservedPacket p) => p.Time.ToLocalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static string Cell(string? text, int width) => (text ?? "-").PadRight(width);
}
