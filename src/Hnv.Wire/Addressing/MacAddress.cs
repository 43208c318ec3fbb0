using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Hnv.Wire.Addressing;

/// <summary>A 48-bit Ethernet MAC address held in the low bits of a <see cref="ulong"/>.</summary>
public readonly struct MacAddress : IEquatable<MacAddress>, ISpanFormattable
{
    /// <summary>Length of a MAC address on the wire.</summary>
    public const int Length = 6;

    private readonly ulong _value;

    /// <summary>Creates a MAC address from the low 48 bits of <paramref name="value"/>.</summary>
    public MacAddress(ulong value) => _value = value & 0xFFFF_FFFF_FFFFUL;

    /// <summary>ff:ff:ff:ff:ff:ff.</summary>
    public static MacAddress Broadcast => new(0xFFFF_FFFF_FFFFUL);

    /// <summary>00:00:00:00:00:00.</summary>
    public static MacAddress Zero => default;

    /// <summary>The 48-bit value.</summary>
    public ulong Value => _value;

    /// <summary>True for group (multicast and broadcast) addresses: the I/G bit of the first octet.</summary>
    public bool IsMulticast => ((_value >> 40) & 1) != 0;

    /// <summary>True for the all-ones broadcast address.</summary>
    public bool IsBroadcast => _value == 0xFFFF_FFFF_FFFFUL;

    /// <summary>Reads six bytes in network order.</summary>
    public static MacAddress Read(ReadOnlySpan<byte> source)
    {
        var hi = BinaryPrimitives.ReadUInt16BigEndian(source);
        var lo = BinaryPrimitives.ReadUInt32BigEndian(source[2..]);
        return new MacAddress(((ulong)hi << 32) | lo);
    }

    /// <summary>Writes six bytes in network order.</summary>
    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(_value >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], (uint)_value);
    }

    /// <summary>Parses "aa:bb:cc:dd:ee:ff" or "aa-bb-cc-dd-ee-ff" (either case).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out MacAddress address)
    {
        address = default;
        if (text is null || text.Length != 17)
        {
            return false;
        }

        ulong value = 0;
        for (var i = 0; i < 6; i++)
        {
            var at = i * 3;
            if (i < 5 && text[at + 2] != ':' && text[at + 2] != '-')
            {
                return false;
            }

            if (!byte.TryParse(text.AsSpan(at, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var octet))
            {
                return false;
            }

            value = (value << 8) | octet;
        }

        address = new MacAddress(value);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/>; for configuration, not packets.</summary>
    public static MacAddress Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"'{text}' is not a MAC address (expected aa:bb:cc:dd:ee:ff).");

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null)
    {
        charsWritten = 0;
        if (destination.Length < 17)
        {
            return false;
        }

        const string Hex = "0123456789abcdef";
        for (var i = 0; i < 6; i++)
        {
            var octet = (int)(_value >> (40 - (8 * i))) & 0xFF;
            destination[i * 3] = Hex[octet >> 4];
            destination[(i * 3) + 1] = Hex[octet & 0xF];
            if (i < 5)
            {
                destination[(i * 3) + 2] = ':';
            }
        }

        charsWritten = 17;
        return true;
    }

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[17];
        TryFormat(buffer, out _);
        return new string(buffer);
    }

    /// <inheritdoc />
    public bool Equals(MacAddress other) => _value == other._value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MacAddress other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value.GetHashCode();

    public static bool operator ==(MacAddress left, MacAddress right) => left.Equals(right);

    public static bool operator !=(MacAddress left, MacAddress right) => !left.Equals(right);
}
