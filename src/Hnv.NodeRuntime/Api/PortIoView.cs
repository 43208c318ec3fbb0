namespace Hnv.NodeRuntime.Api;

/// <summary>One port's I/O counts.</summary>
public sealed record PortIoView(string Name, IReadOnlyDictionary<string, long> Counters);
