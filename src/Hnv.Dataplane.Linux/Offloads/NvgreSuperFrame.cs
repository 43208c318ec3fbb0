using Hnv.Wire.Offloads;

namespace Hnv.Dataplane.Linux.Offloads;

/// <summary>
/// An NVGRE super-frame taken whole. A receiving NIC's GRO merges one flow's NVGRE segments and checks every
/// segment's inner TCP checksum as it does (the kernel's gre_gro_receive and tcp_gro_receive); what it hands over
/// has one outer header, lengths covering all the segments and the inner checksum left partial. Decapsulated, that
/// is exactly a TCP super-frame the VM's kernel takes in one write (gso_type TCPV4/TCPV6, NEEDS_CSUM), so splitting
/// it into segments only for <see cref="TcpCoalescer"/> to join them again is work thrown away: per segment, a copy,
/// a checksum computed, a pass through the pipeline, a checksum verified and another copy. Whatever does not have
/// that exact shape is split by <see cref="NvgreSegmenter"/> as before.
/// </summary>
public static class NvgreSuperFrame
{
    /// <summary>
    /// True when <paramref name="frame"/> (outer Ethernet header first), as <paramref name="header"/> describes it,
    /// can go to the VM whole: plain NVGRE around TCP of the family the header announces, with its inner IP length
    /// covering the rest of the frame, the checksum left partial at the inner TCP header, a positive gso_size and no
    /// ECN mark to carry over (rare: those are split). The inner TCP checksum is then set to the pseudo-header's sum,
    /// what a partial checksum must hold whatever the kernel left there, and <paramref name="segments"/> says how many
    /// segments the frame merged.
    /// </summary>
    public static bool TryPrepare(Span<byte> frame, in VirtioNetHeader header, out int segments)
    {
        segments = 0;
        return (header.GsoType & VirtioNetHeader.GsoEcn) == 0 && NvgreFrame.TryLocate(frame, out _, out var innerStart)
            && TcpFrame.TryPrepareSuperFrame(frame[innerStart..], header, innerStart, out _, out segments);
    }
}
