using System.Text.Json;
using System.Text.Json.Serialization;
using Hnv.Client.Access;
using Hnv.Client.Observe;
using Hnv.Client.Problems;
using Hnv.Client.Resources;
using Hnv.Client.Status;
using Hnv.Client.Trace;
using Hnv.Client.Watch;
using Hnv.Policy.Documents;

namespace Hnv.Client.Json;

/// <summary>
/// Source-generated JSON for every body the controller and its clients exchange (camelCase, nulls left out).
/// Reading tolerates fields it does not know, so a newer controller does not break an older client; the
/// controller reads requests strictly with <see cref="Strict"/>.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(PolicyDocument))]
[JsonSerializable(typeof(RoutingDomainDocument))]
[JsonSerializable(typeof(VirtualSubnetDocument))]
[JsonSerializable(typeof(HostDocument))]
[JsonSerializable(typeof(GatewayDocument))]
[JsonSerializable(typeof(GatewayDomainDocument))]
[JsonSerializable(typeof(GatewayHealthDocument))]
[JsonSerializable(typeof(Hnv.Client.Gateway.PortForwardConfig))]
[JsonSerializable(typeof(ResourceList<GatewayDocument>))]
[JsonSerializable(typeof(ResourceList<GatewayDomainDocument>))]
[JsonSerializable(typeof(NetworkInterfaceDocument))]
[JsonSerializable(typeof(LookupRecordDocument))]
[JsonSerializable(typeof(LookupRecordView))]
[JsonSerializable(typeof(CustomerRouteDocument))]
[JsonSerializable(typeof(ProviderAddressDocument))]
[JsonSerializable(typeof(ProviderRouteDocument))]
[JsonSerializable(typeof(ResourceList<RoutingDomainDocument>))]
[JsonSerializable(typeof(ResourceList<VirtualSubnetDocument>))]
[JsonSerializable(typeof(ResourceList<HostDocument>))]
[JsonSerializable(typeof(ResourceList<NetworkInterfaceDocument>))]
[JsonSerializable(typeof(ResourceList<LookupRecordView>))]
[JsonSerializable(typeof(ResourceList<CustomerRouteDocument>))]
[JsonSerializable(typeof(ResourceList<ProviderAddressDocument>))]
[JsonSerializable(typeof(ResourceList<ProviderRouteDocument>))]
[JsonSerializable(typeof(ResourceList<TokenDocument>))]
[JsonSerializable(typeof(TokenDocument))]
[JsonSerializable(typeof(ApiProblem))]
[JsonSerializable(typeof(HostStatusReport))]
[JsonSerializable(typeof(HostStatus))]
[JsonSerializable(typeof(ControllerStatus))]
[JsonSerializable(typeof(WatchEvent))]
[JsonSerializable(typeof(ObservedPacket))]
[JsonSerializable(typeof(TraceRequest))]
[JsonSerializable(typeof(TraceResult))]
[JsonSerializable(typeof(UnderlayTraceRequest))]
[JsonSerializable(typeof(UnderlayTraceResult))]
[JsonSerializable(typeof(ProbeReport))]
public sealed partial class ClientJsonContext : JsonSerializerContext
{
    private static ClientJsonContext? _strict;

    /// <summary>The same types, read strictly: an unknown or repeated field is an error (for request bodies).</summary>
    public static ClientJsonContext Strict => _strict ??= new ClientJsonContext(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
    });
}
