using System.Buffers.Binary;
using Hnv.Wire.Checksums;
using Hnv.Wire.Offloads;
using Hnv.Wire.Transport;

namespace Hnv.Dataplane.Linux.Offloads;

/// <summary>
/// Finishes a checksum the VM's kernel left to the NIC (virtio NEEDS_CSUM, "the checksum trap"): with
/// TUN_F_CSUM even a plain UDP datagram or a small TCP segment arrives with only the pseudo-header sum at
/// csum_start + csum_offset. It must be completed before the frame is encapsulated, or the far end drops it.
/// </summary>
public static class ChecksumCompletion
{
    private const int UdpChecksumOffset = UdpHeader.ChecksumOffset;

    /// <summary>
    /// Sums <paramref name="frame"/> from csum_start to its end (the field holds the pseudo-header sum) and stores
    /// the checksum; a UDP result of 0 is sent as 0xFFFF (RFC 768). False when the offsets do not fit the frame.
    /// The frame may be NVGRE (from the underlay), so UDP is known by where its checksum field sits, not by the
    /// outer IP header: offset 6 is UDP's (and UDP-Lite's, with the same rule); TCP's is 16.
    /// </summary>
    public static bool TryComplete(Span<byte> frame, in VirtioNetHeader header)
    {
        var start = header.ChecksumStart;
        var field = start + header.ChecksumOffset;
        if (start < TcpFrame.EthernetLength || field + 2 > frame.Length)
        {
            return false;
        }

        var checksum = InternetChecksum.Finish(InternetChecksum.Add(0, frame[start..]));
        if (checksum == 0 && header.ChecksumOffset == UdpChecksumOffset)
        {
            checksum = 0xFFFF;
        }

        BinaryPrimitives.WriteUInt16BigEndian(frame[field..], checksum);
        return true;
    }
}
