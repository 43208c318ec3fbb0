namespace Hnv.Dataplane.Taps;

/// <summary>Where on a forwarding node a tap sees a packet. Flags, so one tap can watch several.</summary>
[Flags]
public enum TapPoints : byte
{
    None = 0,

    /// <summary>A frame as a VM sent it, before the pipeline.</summary>
    FromPort = 1,

    /// <summary>A frame written to a port (delivered, or an answer).</summary>
    ToPort = 2,

    /// <summary>An outer IP packet as it came from the underlay, before the pipeline.</summary>
    FromUnderlay = 4,

    /// <summary>An outer IP packet sent to the underlay (the envelope written).</summary>
    ToUnderlay = 8,

    /// <summary>A packet the pipeline dropped (or answered with an ICMP error), with its reason.</summary>
    Dropped = 16,

    /// <summary>The frames of VM ports, both ways (Ethernet).</summary>
    Ports = FromPort | ToPort,

    /// <summary>The underlay's packets, both ways (raw IP).</summary>
    Underlay = FromUnderlay | ToUnderlay,
}
