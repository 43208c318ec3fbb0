using Hnv.Client;
using Hnv.NodeRuntime.Configuration;

namespace Hnv.NodeRuntime.Policy;

/// <summary>
/// Which controller replica the node talks to: the first of <see cref="ControllerSourceSettings.Addresses"/> until a
/// call to it fails, then the next (round and round). The watch and the status reports share it, so both follow.
/// </summary>
public sealed class ControllerEndpoints(PolicySourceSettings settings)
{
    private readonly IReadOnlyList<ControllerAddress> _addresses = settings.Controller?.Addresses is { Count: > 0 } addresses
        ? addresses
        : throw new ArgumentException("The settings name no controller.", nameof(settings));

    private int _current;

    /// <summary>The replica to call now.</summary>
    public ControllerAddress Current => _addresses[Volatile.Read(ref _current) % _addresses.Count];

    /// <summary>Every replica, in the order tried.</summary>
    public IReadOnlyList<ControllerAddress> All => _addresses;

    /// <summary>A call to <paramref name="address"/> failed: move on to the next replica, unless another caller already did.</summary>
    public void Failed(ControllerAddress address)
    {
        var current = Volatile.Read(ref _current);
        if (ReferenceEquals(_addresses[current % _addresses.Count], address))
        {
            Interlocked.CompareExchange(ref _current, (current + 1) % _addresses.Count, current);
        }
    }
}
