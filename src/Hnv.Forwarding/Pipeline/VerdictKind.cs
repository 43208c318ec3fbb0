namespace Hnv.Forwarding.Pipeline;

/// <summary>What to do with a packet after the pipeline has run.</summary>
public enum VerdictKind : byte
{
    /// <summary>Drop it; <see cref="Verdict.Reason"/> says why (already counted).</summary>
    Drop = 0,

    /// <summary>Write the (rewritten) frame to the local port <see cref="Verdict.Port"/>.</summary>
    Deliver,

    /// <summary>Send the outer IP packet (envelope already written) to <see cref="Verdict.ProviderAddress"/> on the underlay.</summary>
    Encapsulate,

    /// <summary>Send the frame, now an answer (ARP, NA, ICMP), back out of the port it came from.</summary>
    Reply,

    /// <summary>
    /// Reserved for the IP-rewrite (Translate) rule: the packet's CAs were rewritten to PAs and it goes to
    /// <see cref="Verdict.ProviderAddress"/> without a tunnel header. Not produced yet.
    /// </summary>
    Translate,
}
