using System.Runtime.InteropServices;
using Hnv.Dataplane.Ports;

namespace Hnv.Dataplane.State;

/// <summary>The descriptors a worker waits on for a state: every port's and the underlay's.</summary>
public static class DataplaneHandles
{
    /// <summary>Lists them (allocates; called when the state changes, not per packet).</summary>
    public static IReadOnlyList<SafeHandle> Of(DataplaneState state, IUnderlayPort underlay)
    {
        var handles = new List<SafeHandle>(underlay.Handles);
        foreach (var port in state.Ports)
        {
            if (port?.Handle is { } handle)
            {
                handles.Add(handle);
            }
        }

        return handles;
    }
}
