using Hnv.Client;

namespace Hnv.Agent.Configuration;

/// <summary>A validated <see cref="ControllerConfig"/>.</summary>
public sealed record ControllerSourceSettings(ControllerAddress Address, string TokenFile, string CacheFile, TimeSpan Silence);
