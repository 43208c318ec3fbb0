using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hnv.Cli.Management;

/// <summary>Source-generated JSON for what the management verbs show that is not an API document as it is.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(GatewayForwardRow))]
[JsonSerializable(typeof(List<JsonElement>))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ManagementJsonContext : JsonSerializerContext;
