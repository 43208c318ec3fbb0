using System.Text.Json;
using System.Text.Json.Serialization;
using Hnv.Agent.Api;
using Hnv.Client.Agent;
using Hnv.NodeRuntime.Api;

namespace Hnv.Agent.Configuration;

/// <summary>Source-generated JSON for the configuration file and the local API (no reflection).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(AgentConfig))]
[JsonSerializable(typeof(PortConfig))]
[JsonSerializable(typeof(StatusView))]
[JsonSerializable(typeof(List<PortView>))]
[JsonSerializable(typeof(CountersView))]
[JsonSerializable(typeof(ProblemView))]
public sealed partial class AgentJsonContext : JsonSerializerContext;
