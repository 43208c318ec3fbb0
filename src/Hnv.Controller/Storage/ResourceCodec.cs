using System.Text.Json;
using Hnv.Client.Json;
using Hnv.Client.Resources;
using Hnv.Controller.Documents;
using Hnv.Controller.Model;
using Hnv.Policy.Documents;
using Hnv.Policy.Validation;

namespace Hnv.Controller.Storage;

/// <summary>
/// How an item is kept in the store: its wire document as compact JSON, the same shape the API answers with, so
/// a row can be read by a person and by any later version that reads the API's documents.
/// </summary>
internal static class ResourceCodec
{
    private static readonly ClientJsonContext Json = ClientJsonContext.Default;

    public static string Serialize(object value) => ResourceDocuments.Of(value) switch
    {
        RoutingDomainDocument d => JsonSerializer.Serialize(d, Json.RoutingDomainDocument),
        VirtualSubnetDocument s => JsonSerializer.Serialize(s, Json.VirtualSubnetDocument),
        HostDocument h => JsonSerializer.Serialize(h, Json.HostDocument),
        ProviderAddressDocument a => JsonSerializer.Serialize(a, Json.ProviderAddressDocument),
        ProviderRouteDocument r => JsonSerializer.Serialize(r, Json.ProviderRouteDocument),
        NetworkInterfaceDocument n => JsonSerializer.Serialize(n, Json.NetworkInterfaceDocument),
        LookupRecordDocument r => JsonSerializer.Serialize(r, Json.LookupRecordDocument),
        CustomerRouteDocument r => JsonSerializer.Serialize(r, Json.CustomerRouteDocument),
        GatewayDocument g => JsonSerializer.Serialize(g, Json.GatewayDocument),
        GatewayDomainDocument d => JsonSerializer.Serialize(d, Json.GatewayDomainDocument),
        GatewayHealthDocument h => JsonSerializer.Serialize(h, Json.GatewayHealthDocument),
        var other => throw new ArgumentException($"{other.GetType().Name} is not a stored resource.", nameof(value)),
    };

    /// <summary>Reads a stored row back; a row that does not read is a damaged store, said with its kind and key.</summary>
    public static object Deserialize(ResourceKind kind, string key, string body)
    {
        var problems = new List<PolicyProblem>();
        var reader = new ResourceReader(problems, input: false);
        object? value = kind switch
        {
            ResourceKind.RoutingDomain => reader.Read(JsonSerializer.Deserialize(body, Json.RoutingDomainDocument)!),
            ResourceKind.VirtualSubnet => reader.Read(JsonSerializer.Deserialize(body, Json.VirtualSubnetDocument)!),
            ResourceKind.Host => reader.Read(JsonSerializer.Deserialize(body, Json.HostDocument)!),
            ResourceKind.ProviderAddress => reader.Read(JsonSerializer.Deserialize(body, Json.ProviderAddressDocument)!),
            ResourceKind.ProviderRoute => reader.Read(JsonSerializer.Deserialize(body, Json.ProviderRouteDocument)!),
            ResourceKind.NetworkInterface => reader.Read(JsonSerializer.Deserialize(body, Json.NetworkInterfaceDocument)!),
            ResourceKind.LookupRecord => reader.Read(JsonSerializer.Deserialize(body, Json.LookupRecordDocument)!),
            ResourceKind.CustomerRoute => reader.Read(JsonSerializer.Deserialize(body, Json.CustomerRouteDocument)!),
            ResourceKind.Gateway => reader.Read(JsonSerializer.Deserialize(body, Json.GatewayDocument)!),
            ResourceKind.GatewayDomain => reader.Read(JsonSerializer.Deserialize(body, Json.GatewayDomainDocument)!),
            ResourceKind.GatewayHealth => reader.Read(JsonSerializer.Deserialize(body, Json.GatewayHealthDocument)!),
            _ => null,
        };
        return value is not null && problems.Count == 0 ? value : throw new InvalidDataException($"The stored {kind} {key} does not read: {string.Join("; ", problems)}");
    }
}
