using Hnv.Lab.Topology;
namespace Hnv.Lab.Status;

/// <summary>`hnv lab status --output json`: the lab as recorded, checked against what runs now.</summary>
public sealed class LabStatusReport
{
    public required string Name { get; init; }

    public required int Mtu { get; init; }

    public required UnderlayFamily Family { get; init; }

    /// <summary>The lab controller's address, pid and whether it runs (null for a lab without one).</summary>
    public string? Controller { get; init; }

    public int? ControllerPid { get; init; }

    public bool ControllerAlive { get; init; }

    /// <summary>The topology page on this machine (open it with the operator token: hnv lab page NAME).</summary>
    public string? Page { get; init; }

    public required List<LabHostStatus> Hosts { get; init; }

    public required List<VmStatus> Vms { get; init; }

    public List<LabGatewayStatus> Gateways { get; init; } = [];
}
