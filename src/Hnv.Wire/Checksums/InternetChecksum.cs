using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Hnv.Wire.Addressing;

namespace Hnv.Wire.Checksums;

/// <summary>
/// The Internet checksum (RFC 1071): one's-complement sum of 16-bit words, with the IPv4 and IPv6
/// pseudo-headers of TCP/UDP/ICMPv6 and incremental update (RFC 1624).
/// Sums are kept unfolded in a <see cref="ulong"/> so long runs add 32 bits at a time.
/// </summary>
public static class InternetChecksum
{
    /// <summary>Adds <paramref name="data"/> to a running sum, as big-endian 16-bit words (an odd tail is padded with zero).</summary>
    public static ulong Add(ulong sum, ReadOnlySpan<byte> data)
    {
        // Sum big-endian 32-bit words: a one's-complement sum over 32-bit words folds to the same 16-bit result.
        var words = MemoryMarshal.Cast<byte, uint>(data);
        foreach (var w in words)
        {
            sum += BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(w) : w;
        }

        var rest = data[(words.Length * 4)..];
        if (rest.Length >= 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(rest);
            rest = rest[2..];
        }

        if (rest.Length == 1)
        {
            sum += (uint)rest[0] << 8;
        }

        return sum;
    }

    /// <summary>Adds one 16-bit word.</summary>
    public static ulong Add(ulong sum, ushort word) => sum + word;

    /// <summary>Folds a running sum to 16 bits (not complemented).</summary>
    public static ushort Fold(ulong sum)
    {
        sum = (sum & 0xFFFFFFFF) + (sum >> 32);
        sum = (sum & 0xFFFFFFFF) + (sum >> 32);
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)sum;
    }

    /// <summary>The checksum to store: the complement of the folded sum.</summary>
    public static ushort Finish(ulong sum) => (ushort)~Fold(sum);

    /// <summary>The checksum of <paramref name="data"/> alone (IPv4 header, ICMPv4).</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => Finish(Add(0, data));

    /// <summary>True when data that contains its own checksum field sums to all ones.</summary>
    public static bool IsValid(ReadOnlySpan<byte> data) => Fold(Add(0, data)) == 0xFFFF;

    /// <summary>The pseudo-header sum for TCP/UDP/ICMPv6 (RFC 793, RFC 768, RFC 8200 section 8.1).</summary>
    public static ulong PseudoHeader(IpAddress source, IpAddress destination, byte protocol, int upperLayerLength)
    {
        Span<byte> buffer = stackalloc byte[32];
        source.Write(buffer);
        destination.Write(buffer[16..]);
        var length = source.ByteLength;
        ulong sum = Add(0, buffer[..length]);
        sum = Add(sum, buffer.Slice(16, length));
        sum += protocol;
        sum += (uint)upperLayerLength;
        return sum;
    }

    /// <summary>
    /// The checksum of an upper-layer segment that has its checksum field zeroed or included as zero.
    /// UDP: a computed 0 must be sent as 0xFFFF (RFC 768); callers use <see cref="ForUdp"/>.
    /// </summary>
    public static ushort ComputeWithPseudoHeader(IpAddress source, IpAddress destination, byte protocol, ReadOnlySpan<byte> segment) =>
        Finish(Add(PseudoHeader(source, destination, protocol, segment.Length), segment));

    /// <summary>A UDP checksum as sent: zero is transmitted as all ones.</summary>
    public static ushort ForUdp(ushort computed) => computed == 0 ? (ushort)0xFFFF : computed;

    /// <summary>True when a segment including its checksum field sums to all ones with the pseudo-header.</summary>
    public static bool IsValidWithPseudoHeader(IpAddress source, IpAddress destination, byte protocol, ReadOnlySpan<byte> segment) =>
        Fold(Add(PseudoHeader(source, destination, protocol, segment.Length), segment)) == 0xFFFF;

    /// <summary>
    /// Incremental update (RFC 1624 eqn. 3): HC' = ~(~HC + ~m + m') when one 16-bit word changes from
    /// <paramref name="oldWord"/> to <paramref name="newWord"/>.
    /// </summary>
    public static ushort Update(ushort checksum, ushort oldWord, ushort newWord)
    {
        ulong sum = (ushort)~checksum;
        sum += (ushort)~oldWord;
        sum += newWord;
        return (ushort)~Fold(sum);
    }
}
