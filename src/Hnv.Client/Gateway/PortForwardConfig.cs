namespace Hnv.Client.Gateway;

/// <summary>An external port of a domain's first external address forwarded to a VM's CA and port (destination NAT).</summary>
public sealed class PortForwardConfig
{
    /// <summary>"tcp" or "udp".</summary>
    public string? Protocol { get; set; }

    /// <summary>The external port.</summary>
    public int? Port { get; set; }

    /// <summary>The VM's CA.</summary>
    public string? To { get; set; }

    /// <summary>The VM's port (default: the same as <see cref="Port"/>).</summary>
    public int? ToPort { get; set; }
}
