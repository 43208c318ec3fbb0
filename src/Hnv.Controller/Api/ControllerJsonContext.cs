using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hnv.Controller.Api;

/// <summary>Source-generated JSON for the controller's own bodies (the batch); read strictly like every request.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(BatchDocument))]
[JsonSerializable(typeof(BatchResult))]
internal sealed partial class ControllerJsonContext : JsonSerializerContext;
