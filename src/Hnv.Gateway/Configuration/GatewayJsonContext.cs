using System.Text.Json;
using System.Text.Json.Serialization;
using Hnv.Client.Gateway;

namespace Hnv.Gateway.Configuration;

/// <summary>Source-generated JSON for the configuration file (an unknown field is an error, not ignored) and the local API.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(GatewayConfig))]
[JsonSerializable(typeof(Api.GatewayStatusView))]
[JsonSerializable(typeof(List<Api.NatDomainView>))]
[JsonSerializable(typeof(NodeRuntime.Api.CountersView))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
