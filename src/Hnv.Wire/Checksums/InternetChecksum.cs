using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Hnv.Wire.Addressing;

namespace Hnv.Wire.Checksums;

/// <summary>
/// The Internet checksum (RFC 1071): one's-complement sum of 16-bit words, with the IPv4 and IPv6
/// pseudo-headers of TCP/UDP/ICMPv6 and incremental update (RFC 1624).
/// Sums are kept unfolded in a <see cref="ulong"/>; long runs are added a vector at a time.
/// </summary>
public static class InternetChecksum
{
    /// <summary>Adds <paramref name="data"/> to a running sum, as big-endian 16-bit words (an odd tail is padded with zero).</summary>
    public static ulong Add(ulong sum, ReadOnlySpan<byte> data)
    {
        // RFC 1071 section 2(B): the one's-complement sum does not depend on byte order, so the bulk is summed as
        // native 32-bit words (no swap per word, whole vectors at a time) and only its folded 16 bits are swapped.
        // The packet path checksums every TCP segment it splits or joins; this is most of its user-space time.
        var words = data.Length & ~3;
        var native = SumNativeWords(data[..words]);
        var folded = Fold(native);
        sum += BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(folded) : folded;

        var rest = data[words..];
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

    /// <summary>The sum of <paramref name="data"/> (a multiple of 4 bytes long) as native-endian 32-bit words, unfolded.</summary>
    private static ulong SumNativeWords(ReadOnlySpan<byte> data)
    {
        ulong sum = 0;
        var i = 0;
        ref var start = ref MemoryMarshal.GetReference(data);
        if (Vector256.IsHardwareAccelerated && data.Length >= 2 * Vector256<byte>.Count)
        {
            // Each 32-bit lane widens into a 64-bit accumulator: 2^32 additions before one could overflow.
            var low = Vector256<ulong>.Zero;
            var high = Vector256<ulong>.Zero;
            for (; i <= data.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var (a, b) = Vector256.Widen(Vector256.LoadUnsafe(ref start, (nuint)i).AsUInt32());
                low += a;
                high += b;
            }

            sum = Vector256.Sum(low + high);
        }
        else if (Vector128.IsHardwareAccelerated && data.Length >= 2 * Vector128<byte>.Count)
        {
            var low = Vector128<ulong>.Zero;
            var high = Vector128<ulong>.Zero;
            for (; i <= data.Length - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                var (a, b) = Vector128.Widen(Vector128.LoadUnsafe(ref start, (nuint)i).AsUInt32());
                low += a;
                high += b;
            }

            sum = Vector128.Sum(low + high);
        }

        for (; i < data.Length; i += 4)
        {
            sum += Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, i));
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
