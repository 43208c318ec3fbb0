using Hnv.Dataplane.Linux.Offloads;
using Hnv.Forwarding.Buffers;
using Hnv.Wire.Ip;
using Hnv.Wire.Tunnel;

namespace Hnv.Dataplane.Linux.Underlay;

/// <summary>Where the inner TCP header of an encapsulated super-frame is, as the pipeline writes one.</summary>
internal static class InnerTcp
{
    /// <summary>
    /// Finds the inner frame after the outer header (IPv4 without options, or IPv6) and NVGRE's 8 bytes, and its TCP
    /// layout; false for anything else or a segment size beyond 16 bits.
    /// </summary>
    public static bool TryLocate(PacketBuffer buffer, out int innerStart, out TcpFrame tcp)
    {
        var packet = buffer.Data;
        tcp = default;
        innerStart = 0;
        if (Ipv4Header.TryRead(packet, out var v4))
        {
            if (v4.HasOptions)
            {
                return false;
            }

            innerStart = Ipv4Header.MinLength + NvgreHeader.Length;
        }
        else if (Ipv6Header.TryRead(packet, out _))
        {
            innerStart = Ipv6Header.Length + NvgreHeader.Length;
        }
        else
        {
            return false;
        }

        return packet.Length > innerStart && buffer.SegmentSize <= ushort.MaxValue && TcpFrame.TryRead(packet[innerStart..], out tcp);
    }
}
