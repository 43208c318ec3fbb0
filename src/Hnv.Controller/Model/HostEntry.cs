namespace Hnv.Controller.Model;

/// <summary>A host the controller knows: its name (the agent's <c>host</c>) and a free description.</summary>
internal sealed record HostEntry(string Name, string? Description);
