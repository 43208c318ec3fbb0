using System.Net.Http.Headers;
using Hnv.Client.Access;
using Hnv.Client.Json;
using Hnv.Client.Resources;
using Hnv.Client.Status;
using Hnv.Policy.Documents;

namespace Hnv.Client;

/// <summary>
/// The controller's REST API as typed calls (see docs/controller.md for the paths and rules). Errors become
/// <see cref="HnvApiException"/> with the controller's problem details. Creating is POST (409 if it exists),
/// updating is PUT of the whole item (404 if it does not), removing is DELETE.
/// </summary>
public sealed partial class HnvClient
{
    private static readonly ClientJsonContext Json = ClientJsonContext.Default;
    private readonly HttpClient _http;
    private readonly string _address;

    /// <summary>
    /// A client over <paramref name="http"/>, whose BaseAddress is the controller's URL; <paramref name="address"/>
    /// names the controller in messages (default: the BaseAddress).
    /// </summary>
    public HnvClient(HttpClient http, string? token = null, string? address = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _address = address ?? http.BaseAddress?.ToString() ?? "(no address)";
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>The controller's revision after the last answered request (its <see cref="ApiPaths.RevisionHeader"/>).</summary>
    public long? LastRevision { get; private set; }

    // Routing domains, by RDID.
    public Task<ResourceList<RoutingDomainDocument>> ListRoutingDomainsAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiPaths.RoutingDomains, Json.ResourceListRoutingDomainDocument, ct);

    public Task<RoutingDomainDocument> GetRoutingDomainAsync(string rdid, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"{ApiPaths.RoutingDomains}/{Segment(rdid)}", Json.RoutingDomainDocument, ct);

    /// <summary>Creates a routing domain; without an RDID the controller assigns one (in the answer).</summary>
    public Task<RoutingDomainDocument> CreateRoutingDomainAsync(RoutingDomainDocument domain, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiPaths.RoutingDomains, domain, Json.RoutingDomainDocument, Json.RoutingDomainDocument, ct);

    public Task<RoutingDomainDocument> UpdateRoutingDomainAsync(string rdid, RoutingDomainDocument domain, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, $"{ApiPaths.RoutingDomains}/{Segment(rdid)}", domain, Json.RoutingDomainDocument, Json.RoutingDomainDocument, ct);

    /// <summary>Removes an empty routing domain (409 while subnets or routes remain in it).</summary>
    public Task DeleteRoutingDomainAsync(string rdid, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"{ApiPaths.RoutingDomains}/{Segment(rdid)}", ct);

    // Virtual subnets, by VSID.
    public Task<ResourceList<VirtualSubnetDocument>> ListVirtualSubnetsAsync(string? rdid = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiPaths.VirtualSubnets + Query(("rdid", rdid)), Json.ResourceListVirtualSubnetDocument, ct);

    public Task<VirtualSubnetDocument> GetVirtualSubnetAsync(long vsid, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"{ApiPaths.VirtualSubnets}/{Segment(vsid)}", Json.VirtualSubnetDocument, ct);

    public Task<VirtualSubnetDocument> CreateVirtualSubnetAsync(VirtualSubnetDocument subnet, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiPaths.VirtualSubnets, subnet, Json.VirtualSubnetDocument, Json.VirtualSubnetDocument, ct);

    public Task<VirtualSubnetDocument> UpdateVirtualSubnetAsync(long vsid, VirtualSubnetDocument subnet, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, $"{ApiPaths.VirtualSubnets}/{Segment(vsid)}", subnet, Json.VirtualSubnetDocument, Json.VirtualSubnetDocument, ct);

    /// <summary>Removes a subnet (409 while NICs or explicit records use it).</summary>
    public Task DeleteVirtualSubnetAsync(long vsid, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"{ApiPaths.VirtualSubnets}/{Segment(vsid)}", ct);

    // Hosts, by name.
    public Task<ResourceList<HostDocument>> ListHostsAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiPaths.Hosts, Json.ResourceListHostDocument, ct);

    public Task<HostDocument> GetHostAsync(string name, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"{ApiPaths.Hosts}/{Segment(name)}", Json.HostDocument, ct);

    public Task<HostDocument> CreateHostAsync(HostDocument host, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiPaths.Hosts, host, Json.HostDocument, Json.HostDocument, ct);

    public Task<HostDocument> UpdateHostAsync(string name, HostDocument host, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, $"{ApiPaths.Hosts}/{Segment(name)}", host, Json.HostDocument, Json.HostDocument, ct);

    /// <summary>Removes a host (409 while NICs, PAs or routes name it).</summary>
    public Task DeleteHostAsync(string name, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"{ApiPaths.Hosts}/{Segment(name)}", ct);

    /// <summary>Issues the host's agent token; the answer holds its secret once.</summary>
    public Task<TokenDocument> CreateHostCredentialAsync(string host, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiPaths.HostCredential(host), Json.TokenDocument, ct);

    // Network interfaces, by name.
    public Task<ResourceList<NetworkInterfaceDocument>> ListNetworkInterfacesAsync(string? host = null, long? vsid = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiPaths.NetworkInterfaces + Query(("host", host), ("vsid", Text(vsid))), Json.ResourceListNetworkInterfaceDocument, ct);

    public Task<NetworkInterfaceDocument> GetNetworkInterfaceAsync(string name, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"{ApiPaths.NetworkInterfaces}/{Segment(name)}", Json.NetworkInterfaceDocument, ct);

    public Task<NetworkInterfaceDocument> CreateNetworkInterfaceAsync(NetworkInterfaceDocument nic, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiPaths.NetworkInterfaces, nic, Json.NetworkInterfaceDocument, Json.NetworkInterfaceDocument, ct);

    public Task<NetworkInterfaceDocument> UpdateNetworkInterfaceAsync(string name, NetworkInterfaceDocument nic, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, $"{ApiPaths.NetworkInterfaces}/{Segment(name)}", nic, Json.NetworkInterfaceDocument, Json.NetworkInterfaceDocument, ct);

    public Task DeleteNetworkInterfaceAsync(string name, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"{ApiPaths.NetworkInterfaces}/{Segment(name)}", ct);

    // Lookup records, by VSID and CA: every record is listed; only explicit ones are written here.
    public Task<ResourceList<LookupRecordView>> ListLookupRecordsAsync(long? vsid = null, string? rdid = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiPaths.LookupRecords + Query(("vsid", Text(vsid)), ("rdid", rdid)), Json.ResourceListLookupRecordView, ct);

    public Task<LookupRecordView> GetLookupRecordAsync(long vsid, string ca, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, $"{ApiPaths.LookupRecords}/{Segment(vsid)}/{Segment(ca)}", Json.LookupRecordView, ct);

    public Task<LookupRecordView> CreateLookupRecordAsync(LookupRecordDocument record, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiPaths.LookupRecords, record, Json.LookupRecordDocument, Json.LookupRecordView, ct);

    public Task<LookupRecordView> UpdateLookupRecordAsync(long vsid, string ca, LookupRecordDocument record, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, $"{ApiPaths.LookupRecords}/{Segment(vsid)}/{Segment(ca)}", record, Json.LookupRecordDocument, Json.LookupRecordView, ct);

    public Task DeleteLookupRecordAsync(long vsid, string ca, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"{ApiPaths.LookupRecords}/{Segment(vsid)}/{Segment(ca)}", ct);

    // Customer routes, by RDID + VSID + destination (query parameters).
    public Task<ResourceList<CustomerRouteDocument>> ListCustomerRoutesAsync(string? rdid = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiPaths.CustomerRoutes + Query(("rdid", rdid)), Json.ResourceListCustomerRouteDocument, ct);

    public Task<CustomerRouteDocument> CreateCustomerRouteAsync(CustomerRouteDocument route, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiPaths.CustomerRoutes, route, Json.CustomerRouteDocument, Json.CustomerRouteDocument, ct);

    /// <summary>Replaces the route with the same RDID, VSID and destination.</summary>
    public Task<CustomerRouteDocument> UpdateCustomerRouteAsync(CustomerRouteDocument route, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, ApiPaths.CustomerRoutes, route, Json.CustomerRouteDocument, Json.CustomerRouteDocument, ct);

    public Task DeleteCustomerRouteAsync(string rdid, long vsid, string destination, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, ApiPaths.CustomerRoutes + Query(("rdid", rdid), ("vsid", Text(vsid)), ("destination", destination)), ct);

    // Provider addresses, by PA.
    public Task<ResourceList<ProviderAddressDocument>> ListProviderAddressesAsync(string? host = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiPaths.ProviderAddresses + Query(("host", host)), Json.ResourceListProviderAddressDocument, ct);

    public Task<ProviderAddressDocument> CreateProviderAddressAsync(ProviderAddressDocument address, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiPaths.ProviderAddresses, address, Json.ProviderAddressDocument, Json.ProviderAddressDocument, ct);

    public Task DeleteProviderAddressAsync(string pa, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"{ApiPaths.ProviderAddresses}/{Segment(pa)}", ct);

    // Provider routes, by host + destination (query parameters).
    public Task<ResourceList<ProviderRouteDocument>> ListProviderRoutesAsync(string? host = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiPaths.ProviderRoutes + Query(("host", host)), Json.ResourceListProviderRouteDocument, ct);

    public Task<ProviderRouteDocument> CreateProviderRouteAsync(ProviderRouteDocument route, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiPaths.ProviderRoutes, route, Json.ProviderRouteDocument, Json.ProviderRouteDocument, ct);

    public Task<ProviderRouteDocument> UpdateProviderRouteAsync(ProviderRouteDocument route, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, ApiPaths.ProviderRoutes, route, Json.ProviderRouteDocument, Json.ProviderRouteDocument, ct);

    public Task DeleteProviderRouteAsync(string host, string destination, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, ApiPaths.ProviderRoutes + Query(("host", host), ("destination", destination)), ct);

    // Tokens.
    public Task<ResourceList<TokenDocument>> ListTokensAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiPaths.Tokens, Json.ResourceListTokenDocument, ct);

    /// <summary>Creates an operator token ("read" or "write"); the answer holds its secret once.</summary>
    public Task<TokenDocument> CreateTokenAsync(TokenDocument token, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiPaths.Tokens, token, Json.TokenDocument, Json.TokenDocument, ct);

    public Task DeleteTokenAsync(string name, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"{ApiPaths.Tokens}/{Segment(name)}", ct);

    // Status.
    public Task<ControllerStatus> GetStatusAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiPaths.Status, Json.ControllerStatus, ct);

    /// <summary>Follows a packet from a NIC through the hosts' pipelines and the underlay (computed from policy).</summary>
    public Task<Trace.TraceResult> TraceAsync(Trace.TraceRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiPaths.Trace, request, Json.TraceRequest, Json.TraceResult, ct);

    /// <summary>Names what an NVGRE packet seen on the underlay belongs to.</summary>
    public Task<Trace.UnderlayTraceResult> TraceUnderlayAsync(Trace.UnderlayTraceRequest request, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiPaths.UnderlayTrace, request, Json.UnderlayTraceRequest, Json.UnderlayTraceResult, ct);

    /// <summary>An agent's account of a live-trace probe.</summary>
    public Task ReportProbeAsync(string host, string id, Trace.ProbeReport report, CancellationToken ct = default) =>
        SendNoAnswerAsync(HttpMethod.Post, ApiPaths.HostProbe(host, id), report, Json.ProbeReport, ct);

    public Task<HostStatus> GetHostStatusAsync(string host, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, ApiPaths.HostStatus(host), Json.HostStatus, ct);

    /// <summary>An agent reports the revision it forwards with (agent token of that host, or a write token).</summary>
    public Task<HostStatus> ReportHostStatusAsync(string host, HostStatusReport report, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, ApiPaths.HostStatus(host), report, Json.HostStatusReport, Json.HostStatus, ct);
}
