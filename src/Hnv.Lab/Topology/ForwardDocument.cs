namespace Hnv.Lab.Topology;

/// <summary>A port forward as written: <c>{ protocol: tcp, port: 8080, to: b2, toPort: 80 }</c> (to is a VM of the domain).</summary>
public sealed class ForwardDocument
{
    public string? Protocol { get; set; }

    public int? Port { get; set; }

    public string? To { get; set; }

    public int? ToPort { get; set; }
}
