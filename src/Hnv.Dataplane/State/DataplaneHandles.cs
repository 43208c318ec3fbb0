using System.Runtime.InteropServices;
using Hnv.Dataplane.Ports;
using Hnv.Dataplane.Workers;

namespace Hnv.Dataplane.State;

/// <summary>
/// The descriptors a worker waits on for a state, and whose each is: <see cref="Sources"/>[i] is the index of
/// the port that owns <see cref="Handles"/>[i], or <see cref="Underlay"/>.
/// </summary>
public sealed record DataplaneHandles(IReadOnlyList<SafeHandle> Handles, int[] Sources)
{
    /// <summary>The source number of the underlay in <see cref="Sources"/>.</summary>
    public const int Underlay = -1;

    /// <summary>Lists those of <paramref name="read"/> (allocates; called when the state changes, not per packet).</summary>
    public static DataplaneHandles Of(DataplaneState state, IUnderlayPort underlay, WorkerSources read = WorkerSources.All)
    {
        var handles = new List<SafeHandle>((read & WorkerSources.Underlay) != 0 ? underlay.Handles : []);
        var sources = new List<int>(handles.Select(_ => Underlay));
        foreach (var port in state.Ports)
        {
            if ((read & WorkerSources.VmPorts) != 0 && port?.Handle is { } handle)
            {
                handles.Add(handle);
                sources.Add(port.Index);
            }
        }

        return new DataplaneHandles(handles, [.. sources]);
    }
}
