using Hnv.Client.Gateway;
using Hnv.Client.Resources;

namespace Hnv.Client;

public sealed partial class HnvClient
{
    // Gateways, by name; their domains by RDID; a domain's port forwards by protocol and port.

    public Task<ResourceList<GatewayDocument>> ListGatewaysAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiPaths.Gateways, Json.ResourceListGatewayDocument, ct);

    public Task<GatewayDocument> GetGatewayAsync(string name, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiPaths.Gateway(name), Json.GatewayDocument, ct);

    /// <summary>Creates a gateway, registering its node (a host of the same name) and PAs when they are not there yet.</summary>
    public Task<GatewayDocument> CreateGatewayAsync(GatewayDocument gateway, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiPaths.Gateways, gateway, Json.GatewayDocument, Json.GatewayDocument, ct);

    public Task<GatewayDocument> UpdateGatewayAsync(string name, GatewayDocument gateway, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, ApiPaths.Gateway(name), gateway, Json.GatewayDocument, Json.GatewayDocument, ct);

    /// <summary>Removes a gateway and the domains it serves; its node (host, PAs, credential) stays registered.</summary>
    public Task DeleteGatewayAsync(string name, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, ApiPaths.Gateway(name), ct);

    public Task<ResourceList<GatewayDomainDocument>> ListGatewayDomainsAsync(string gateway, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiPaths.GatewayDomains(gateway), Json.ResourceListGatewayDomainDocument, ct);

    public Task<GatewayDomainDocument> GetGatewayDomainAsync(string gateway, string rdid, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiPaths.GatewayDomain(gateway, rdid), Json.GatewayDomainDocument, ct);

    public Task<GatewayDomainDocument> CreateGatewayDomainAsync(string gateway, GatewayDomainDocument domain, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiPaths.GatewayDomains(gateway), domain, Json.GatewayDomainDocument, Json.GatewayDomainDocument, ct);

    public Task<GatewayDomainDocument> UpdateGatewayDomainAsync(string gateway, string rdid, GatewayDomainDocument domain, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, ApiPaths.GatewayDomain(gateway, rdid), domain, Json.GatewayDomainDocument, Json.GatewayDomainDocument, ct);

    public Task DeleteGatewayDomainAsync(string gateway, string rdid, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, ApiPaths.GatewayDomain(gateway, rdid), ct);

    /// <summary>Adds a port forward to a nat domain (one write: forwards added at once by two callers are both kept).</summary>
    public Task<GatewayDomainDocument> AddGatewayForwardAsync(string gateway, string rdid, PortForwardConfig forward, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiPaths.GatewayForwards(gateway, rdid), forward, Json.PortForwardConfig, Json.GatewayDomainDocument, ct);

    public Task RemoveGatewayForwardAsync(string gateway, string rdid, string protocol, int port, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"{ApiPaths.GatewayForwards(gateway, rdid)}/{Segment(protocol)}/{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}", ct);
}
