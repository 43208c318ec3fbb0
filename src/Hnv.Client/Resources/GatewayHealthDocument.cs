namespace Hnv.Client.Resources;

/// <summary>
/// Whether the controller counts a gateway alive, as its change log keeps it: written by the controller itself when a
/// gateway's watch stream opens or ends, or its reports stop, never by an operator. Failover follows it.
/// </summary>
public sealed class GatewayHealthDocument
{
    public string? Gateway { get; set; }

    public bool Alive { get; set; }
}
