using System.Text.Json.Serialization;

namespace Hnv.Cli.Decode;

/// <summary>Source-generated JSON metadata for `hnv decode --output json` (no reflection at run time).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(DecodedPacket))]
internal sealed partial class DecodeJsonContext : JsonSerializerContext;
