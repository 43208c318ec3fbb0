using System.Collections.Immutable;
using Hnv.Client.Agent;
using Hnv.Wire.Addressing;

namespace Hnv.Agent.Configuration;

/// <summary>A validated <see cref="AgentConfig"/>.</summary>
public sealed record AgentSettings(
    string Host,
    string UnderlayInterface,
    int UnderlayMtu,
    IpAddress? ProviderAddressV4,
    IpAddress? ProviderAddressV6,
    string? PolicyFile,
    string ApiSocket,
    ImmutableArray<PortSettings> Ports)
{
    /// <summary>Policy from the controller (then <see cref="PolicyFile"/> is null).</summary>
    public ControllerSourceSettings? Controller { get; init; }

    /// <summary>How the underlay is reached (underlay.io).</summary>
    public UnderlayIo UnderlayIo { get; init; } = UnderlayIo.Packet;

    /// <summary>Whether TCP super-frames leave whole for the kernel to segment, where it can (underlay.gso).</summary>
    public bool UnderlayGso { get; init; } = true;

    /// <summary>Forwarding threads: 1 for both directions (the default), or 2, one per direction (workers).</summary>
    public int Workers { get; init; } = 1;

    /// <summary>The CPU each worker thread is pinned to, in worker order (workerCpus); empty: the scheduler places them.</summary>
    public ImmutableArray<int> WorkerCpus { get; init; } = [];
}
