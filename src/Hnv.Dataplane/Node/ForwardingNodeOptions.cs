namespace Hnv.Dataplane.Node;

/// <summary>How a forwarding node runs its workers.</summary>
public sealed record ForwardingNodeOptions
{
    /// <summary>Worker threads: 1 for both directions (the default), or 2, one reading the VM ports and one the underlay.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>Runs first on worker thread N (a host pins it to a CPU there); null: the scheduler places them.</summary>
    public Action<int>? OnWorkerStart { get; init; }

    /// <summary>Told once when a worker thread fails; the node cannot forward without it, so a host stops.</summary>
    public Action<Exception> OnWorkerFailure { get; init; } = _ => { };
}
