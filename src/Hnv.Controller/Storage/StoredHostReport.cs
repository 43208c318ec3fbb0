namespace Hnv.Controller.Storage;

/// <summary>
/// An agent's last status report, kept in the store so every replica can answer with it. <paramref name="Detail"/> is the
/// rest of the report as JSON (underlay MTU, counters), null from agents that send none.
/// </summary>
internal sealed record StoredHostReport(string Host, long Revision, int Ports, string? Version, DateTimeOffset Reported, string? Detail = null);
