using Hnv.Client;
using Hnv.Client.Agent;

namespace Hnv.Agent.Configuration;

/// <summary>A validated <see cref="ControllerConfig"/>.</summary>
public sealed record ControllerSourceSettings(ControllerAddress Address, string TokenFile, string CacheFile, TimeSpan Silence);
