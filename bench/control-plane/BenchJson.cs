using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Hnv.ControlPlane.Bench;

/// <summary>Source-generated JSON for the batches the loader sends.</summary>
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class BenchJson : JsonSerializerContext;
