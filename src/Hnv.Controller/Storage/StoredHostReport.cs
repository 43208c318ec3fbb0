namespace Hnv.Controller.Storage;

/// <summary>An agent's last status report, kept in the store so every replica can answer with it.</summary>
internal sealed record StoredHostReport(string Host, long Revision, int Ports, string? Version, DateTimeOffset Reported);
