namespace Hnv.Agent.Api;

/// <summary>GET /v1/status.</summary>
public sealed record StatusView(string Host, long Revision, string PolicySource, IReadOnlyList<string> ProviderAddresses, int UnderlayMtu, int Ports, double UptimeSeconds,
    int Workers);

/// <summary>One entry of GET /v1/ports.</summary>
public sealed record PortView(int Index, string Name, string Namespace, string InterfaceName, string Mac, uint Vsid, IReadOnlyList<string> Addresses,
    long ReceivedPackets, long ReceivedBytes, long SentPackets, long SentBytes, long Dropped);

/// <summary>An error answer: what went wrong, and every problem with its field.</summary>
public sealed record ProblemView(string Title, IReadOnlyList<FieldProblemView> Problems);

/// <summary>One problem of a <see cref="ProblemView"/>.</summary>
public sealed record FieldProblemView(string Field, string Message);
