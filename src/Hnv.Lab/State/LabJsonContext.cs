using System.Text.Json.Serialization;
using Hnv.Client.Agent;
using Hnv.Client.Gateway;
using Hnv.Lab.Status;

namespace Hnv.Lab.State;

/// <summary>Source-generated JSON for the lab's files (lab.json, agent configs) and `--output json`.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LabState))]
[JsonSerializable(typeof(AgentConfig))]
[JsonSerializable(typeof(GatewayConfig))]
[JsonSerializable(typeof(LabStatusReport))]
[JsonSerializable(typeof(List<LabListEntry>))]
internal sealed partial class LabJsonContext : JsonSerializerContext;
