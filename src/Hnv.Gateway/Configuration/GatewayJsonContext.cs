using System.Text.Json;
using System.Text.Json.Serialization;
using Hnv.Client.Gateway;

namespace Hnv.Gateway.Configuration;

/// <summary>Source-generated JSON for the configuration file (no reflection; an unknown field is an error, not ignored).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(GatewayConfig))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
