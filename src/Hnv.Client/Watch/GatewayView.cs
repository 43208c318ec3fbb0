using Hnv.Client.Gateway;

namespace Hnv.Client.Watch;

/// <summary>
/// What a gateway's watch stream tells it besides policy: the routing domains it serves and how (the same fields as
/// its file's <c>domains</c>). Sent whole, in a snapshot and in every change that alters it.
/// </summary>
public sealed class GatewayView
{
    public List<GatewayDomainConfig> Domains { get; set; } = [];
}
