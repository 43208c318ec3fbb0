using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Hnv.Wire.Addressing;

/// <summary>
/// An IPv4 or IPv6 address as a value: no heap object, cheap to hash, read straight from a packet.
/// (<see cref="System.Net.IPAddress"/> is a class, so it cannot be made per packet.)
/// IPv4 lives in the low 32 bits; the family is part of equality, so 10.0.0.1 and ::10.0.0.1 differ.
/// </summary>
public readonly struct IpAddress : IEquatable<IpAddress>, ISpanFormattable
{
    private readonly ulong _high;
    private readonly ulong _low;
    private readonly bool _isV6;

    private IpAddress(ulong high, ulong low, bool isV6)
    {
        _high = high;
        _low = low;
        _isV6 = isV6;
    }

    /// <summary>True for IPv6.</summary>
    public bool IsV6 => _isV6;

    /// <summary>True for IPv4.</summary>
    public bool IsV4 => !_isV6;

    /// <summary>4 or 16.</summary>
    public int ByteLength => _isV6 ? 16 : 4;

    /// <summary>32 or 128.</summary>
    public int BitLength => _isV6 ? 128 : 32;

    /// <summary>The address as a 128-bit number (IPv4 in the low 32 bits).</summary>
    public UInt128 Value => new(_high, _low);

    /// <summary>The IPv4 address as a host-order number (meaningful only when <see cref="IsV4"/>).</summary>
    public uint V4Value => (uint)_low;

    /// <summary>0.0.0.0</summary>
    public static IpAddress AnyV4 => default;

    /// <summary>::</summary>
    public static IpAddress AnyV6 => new(0, 0, true);

    /// <summary>An IPv4 address from its host-order value.</summary>
    public static IpAddress FromV4(uint value) => new(0, value, false);

    /// <summary>An IPv6 address from its 128-bit value.</summary>
    public static IpAddress FromV6(UInt128 value) => new((ulong)(value >> 64), (ulong)value, true);

    /// <summary>Reads four bytes in network order.</summary>
    public static IpAddress ReadV4(ReadOnlySpan<byte> source) => FromV4(BinaryPrimitives.ReadUInt32BigEndian(source));

    /// <summary>Reads sixteen bytes in network order.</summary>
    public static IpAddress ReadV6(ReadOnlySpan<byte> source) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(source), BinaryPrimitives.ReadUInt64BigEndian(source[8..]), true);

    /// <summary>Writes 4 or 16 bytes in network order.</summary>
    public void Write(Span<byte> destination)
    {
        if (_isV6)
        {
            BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
            BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _low);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)_low);
        }
    }

    /// <summary>True for an all-zero address.</summary>
    public bool IsUnspecified => _high == 0 && _low == 0;

    /// <summary>IPv4's limited broadcast, 255.255.255.255: never one host's address.</summary>
    public bool IsLimitedBroadcast => !_isV6 && (uint)_low == uint.MaxValue;

    /// <summary>True for IPv4 224/4 or IPv6 ff00::/8.</summary>
    public bool IsMulticast => _isV6 ? (_high >> 56) == 0xFF : ((uint)_low >> 28) == 0xE;

    /// <summary>True for IPv6 fe80::/10.</summary>
    public bool IsV6LinkLocal => _isV6 && (_high >> 54) == (0xFE80UL >> 6);

    /// <summary>This address with every bit past <paramref name="prefixLength"/> cleared.</summary>
    public IpAddress Mask(int prefixLength)
    {
        if (!_isV6)
        {
            var mask = prefixLength <= 0 ? 0u : uint.MaxValue << (32 - Math.Min(prefixLength, 32));
            return FromV4((uint)_low & mask);
        }

        var m = prefixLength <= 0 ? UInt128.Zero : UInt128.MaxValue << (128 - Math.Min(prefixLength, 128));
        return FromV6(Value & m);
    }

    /// <summary>The address plus <paramref name="offset"/> (wrapping within the family).</summary>
    public IpAddress Add(ulong offset) => _isV6 ? FromV6(Value + offset) : FromV4((uint)(_low + offset));

    /// <summary>Parses dotted IPv4 or RFC 4291 IPv6 text.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out IpAddress address)
    {
        address = default;
        if (text is null || !IPAddress.TryParse(text, out var parsed))
        {
            return false;
        }

        // IPAddress.TryParse also accepts inet_aton forms ("1", "1.2", octal "010.0.0.1", hex "0x0a.0.0.1") and
        // scope ids; operators mean none of them (CVE-2021-29921 is this mistake). Only canonical dotted decimal
        // survives a round trip through ToString.
        if (parsed.AddressFamily == AddressFamily.InterNetwork && !string.Equals(parsed.ToString(), text, StringComparison.Ordinal))
        {
            return false;
        }

        if (parsed.AddressFamily == AddressFamily.InterNetworkV6 && text.Contains('%', StringComparison.Ordinal))
        {
            return false;
        }

        address = FromIPAddress(parsed);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/>; for configuration, not packets.</summary>
    public static IpAddress Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"'{text}' is not an IPv4 or IPv6 address.");

    /// <summary>Converts from the framework type.</summary>
    public static IpAddress FromIPAddress(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4 ? ReadV4(bytes) : ReadV6(bytes);
    }

    /// <summary>Converts to the framework type (allocates; not for the packet path).</summary>
    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        Write(bytes);
        return new IPAddress(bytes[..ByteLength]);
    }

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null) =>
        ToIPAddress().TryFormat(destination, out charsWritten);

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    public override string ToString() => ToIPAddress().ToString();

    /// <inheritdoc />
    public bool Equals(IpAddress other) => _low == other._low && _high == other._high && _isV6 == other._isV6;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is IpAddress other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        // A cheap multiplicative mix: this is hashed once per packet on the lookup path.
        var h = (_high * 0x9E3779B97F4A7C15UL) ^ _low ^ (_isV6 ? 0x5555UL : 0UL);
        h *= 0xBF58476D1CE4E5B9UL;
        return (int)(h ^ (h >> 32));
    }

    public static bool operator ==(IpAddress left, IpAddress right) => left.Equals(right);

    public static bool operator !=(IpAddress left, IpAddress right) => !left.Equals(right);
}
