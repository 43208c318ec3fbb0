using System.Text.Json;
using Hnv.Client.Json;
using Hnv.Client.Status;
using Hnv.Controller.Storage;

namespace Hnv.Controller.Status;

/// <summary>
/// The part of an agent's report kept as one JSON column (underlay MTU, FlowID hashing, counters): read back whole,
/// never queried, so it grows with the report without a schema step per field.
/// </summary>
internal static class ReportDetail
{
    public static string? Of(HostStatusReport report) =>
        report.UnderlayMtu is null && report.FlowIdHashing is null && report.Counters is null
            ? null
            : JsonSerializer.Serialize(
                new HostStatusReport { UnderlayMtu = report.UnderlayMtu, FlowIdHashing = report.FlowIdHashing, Counters = report.Counters },
                ClientJsonContext.Default.HostStatusReport);

    /// <summary>The detail of a stored report; null when there is none (or it cannot be read, which only a hand-edited store makes).</summary>
    public static HostStatusReport? Read(StoredHostReport? report)
    {
        if (report?.Detail is not { } detail)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(detail, ClientJsonContext.Default.HostStatusReport);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
