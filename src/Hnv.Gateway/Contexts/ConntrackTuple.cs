namespace Hnv.Gateway.Contexts;

/// <summary>One direction of a connection.</summary>
public sealed record ConntrackTuple(string Source, string Destination, int? SourcePort, int? DestinationPort);
