namespace Hnv.Client.Resources;

/// <summary>
/// A host as the controller knows it: a name (the agent's <c>host</c>) and a free description. Its provider
/// addresses and provider routes are resources of their own that name the host.
/// </summary>
public sealed class HostDocument
{
    public string? Name { get; set; }

    public string? Description { get; set; }
}
