namespace Hnv.Client;

/// <summary>
/// The controller's REST paths, one place for the service's routes and the client's requests. Items with a
/// composite key (customer routes, provider routes) are addressed on their collection with query parameters.
/// </summary>
public static class ApiPaths
{
    public const string Root = "/api/v1";
    public const string OpenApi = "/openapi/v1.json";
    public const string Health = "/healthz";

    public const string RoutingDomains = Root + "/routing-domains";
    public const string VirtualSubnets = Root + "/virtual-subnets";
    public const string Hosts = Root + "/hosts";
    public const string NetworkInterfaces = Root + "/network-interfaces";
    public const string LookupRecords = Root + "/lookup-records";
    public const string CustomerRoutes = Root + "/customer-routes";
    public const string ProviderAddresses = Root + "/provider-addresses";
    public const string ProviderRoutes = Root + "/provider-routes";
    public const string Gateways = Root + "/gateways";
    public const string Tokens = Root + "/tokens";
    public const string Status = Root + "/status";
    public const string Trace = Root + "/trace";
    public const string UnderlayTrace = Trace + "/underlay";

    /// <summary>Response header on every answer: the controller's revision after the request.</summary>
    public const string RevisionHeader = "Hnv-Revision";

    /// <summary>The watch stream's media type: one JSON <see cref="Watch.WatchEvent"/> per line.</summary>
    public const string NdjsonMediaType = "application/x-ndjson";

    public static string HostWatch(string host) => $"{Hosts}/{Uri.EscapeDataString(host)}/watch";

    public static string HostStatus(string host) => $"{Hosts}/{Uri.EscapeDataString(host)}/status";

    /// <summary>POST: a host's account of live-trace probe <paramref name="id"/>.</summary>
    public static string HostProbe(string host, string id) => $"{Hosts}/{Uri.EscapeDataString(host)}/probes/{Uri.EscapeDataString(id)}";

    public static string Gateway(string name) => $"{Gateways}/{Uri.EscapeDataString(name)}";

    public static string GatewayDomains(string gateway) => $"{Gateway(gateway)}/domains";

    public static string GatewayDomain(string gateway, string rdid) => $"{GatewayDomains(gateway)}/{Uri.EscapeDataString(rdid)}";

    public static string GatewayForwards(string gateway, string rdid) => $"{GatewayDomain(gateway, rdid)}/forwards";

    /// <summary>POST: issues the host's agent token (a new one each time; the old one stops working).</summary>
    public static string HostCredential(string host) => $"{Hosts}/{Uri.EscapeDataString(host)}/credential";
}
