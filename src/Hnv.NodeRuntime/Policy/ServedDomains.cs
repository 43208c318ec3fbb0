using Hnv.Client.Watch;

namespace Hnv.NodeRuntime.Policy;

/// <summary>
/// What the controller last told this node it serves as a gateway (its watch stream's <see cref="WatchEvent.Gateway"/>,
/// or the cache's at start). Null until told, and for a node that is no gateway. Read by the gateway's context sync.
/// </summary>
public sealed class ServedDomains
{
    private volatile GatewayView? _view;

    /// <summary>The latest view, whole (replaced, never changed in place).</summary>
    public GatewayView? View => _view;

    public void Set(GatewayView? view) => _view = view;
}
