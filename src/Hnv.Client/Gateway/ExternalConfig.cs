namespace Hnv.Client.Gateway;

/// <summary>The gateway's side of the outside world: the interface its external addresses live on, and the next router.</summary>
public sealed class ExternalConfig
{
    /// <summary>The external interface, in the gateway's own namespace.</summary>
    public string? Interface { get; set; }

    /// <summary>The outside router, the gateway's default route (left out: the route already there is used).</summary>
    public string? Router { get; set; }
}
