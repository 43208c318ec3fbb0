using System.Buffers.Binary;
using Hnv.Linux.Tap;
using Hnv.Wire.Checksums;

namespace Hnv.Dataplane.Offloads;

/// <summary>
/// Finishes a checksum the VM's kernel left to the NIC (virtio NEEDS_CSUM, "the checksum trap"): with
/// TUN_F_CSUM even a plain UDP datagram or a small TCP segment arrives with only the pseudo-header sum at
/// csum_start + csum_offset. It must be completed before the frame is encapsulated, or the far end drops it.
/// </summary>
public static class ChecksumCompletion
{
    /// <summary>
    /// Sums <paramref name="frame"/> from csum_start to its end (the field holds the pseudo-header sum) and stores
    /// the checksum; a UDP result of 0 is sent as 0xFFFF (RFC 768). False when the offsets do not fit the frame.
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
        if (checksum == 0 && header.ChecksumOffset == 6 && IsUdp(frame))
        {
            checksum = 0xFFFF;
        }

        BinaryPrimitives.WriteUInt16BigEndian(frame[field..], checksum);
        return true;
    }

    private static bool IsUdp(ReadOnlySpan<byte> frame)
    {
        var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        return (etherType == 0x0800 && frame.Length > 23 && frame[23] == 17)
            || (etherType == 0x86DD && frame.Length > 20 && frame[20] == 17);
    }
}
