using System.Runtime.InteropServices;
using Hnv.Dataplane.Ports;

namespace Hnv.Dataplane.State;

/// <summary>
/// The descriptors a worker waits on for a state, and whose each is: <see cref="Sources"/>[i] is the index of
/// the port that owns <see cref="Handles"/>[i], or <see cref="Underlay"/>.
/// </summary>
public sealed record DataplaneHandles(IReadOnlyList<SafeHandle> Handles, int[] Sources)
{
    /// <summary>The source number of the underlay in <see cref="Sources"/>.</summary>
    public const int Underlay = -1;

    /// <summary>Lists them (allocates; called when the state changes, not per packet).</summary>
    public static DataplaneHandles Of(DataplaneState state, IUnderlayPort underlay)
    {
        var handles = new List<SafeHandle>(underlay.Handles);
        var sources = new List<int>(handles.Select(_ => Underlay));
        foreach (var port in state.Ports)
        {
            if (port?.Handle is { } handle)
            {
                handles.Add(handle);
                sources.Add(port.Index);
            }
        }

        return new DataplaneHandles(handles, [.. sources]);
    }
}
