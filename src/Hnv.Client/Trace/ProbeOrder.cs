namespace Hnv.Client.Trace;

/// <summary>
/// On a host's watch stream (kind "probe"): a live trace's order to its agent. "send": put <see cref="Frame"/> on the
/// data path as if NIC <see cref="Nic"/> had sent it; "expect": wait up to <see cref="Seconds"/> for probe <see cref="Id"/>
/// from the underlay. Either way the agent reports what it did to POST /hosts/{host}/probes/{id}.
/// </summary>
public sealed class ProbeOrder
{
    /// <summary>The probe's id, 16 hex digits (also in the probe's last 8 bytes).</summary>
    public string? Id { get; set; }

    /// <summary>"send" or "expect".</summary>
    public string? Role { get; set; }

    public string? Nic { get; set; }

    /// <summary>The Ethernet frame to send (base64 in JSON).</summary>
    public byte[]? Frame { get; set; }

    public double Seconds { get; set; }
}
