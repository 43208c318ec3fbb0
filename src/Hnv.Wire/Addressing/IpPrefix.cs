using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Hnv.Wire.Addressing;

/// <summary>An IPv4 or IPv6 prefix ("10.0.0.0/24", "2001:db8::/64"), always stored masked.</summary>
public readonly struct IpPrefix : IEquatable<IpPrefix>
{
    /// <summary>Creates a prefix; host bits of <paramref name="address"/> are cleared.</summary>
    public IpPrefix(IpAddress address, int length)
    {
        if ((uint)length > (uint)address.BitLength)
        {
            ThrowLength(length, address.BitLength);
        }

        Address = address.Mask(length);
        Length = length;
    }

    /// <summary>The network address (host bits zero).</summary>
    public IpAddress Address { get; }

    /// <summary>The prefix length in bits.</summary>
    public int Length { get; }

    /// <summary>True for IPv6.</summary>
    public bool IsV6 => Address.IsV6;

    /// <summary>The prefix's last address: for IPv4 its broadcast address (10.0.0.255 for 10.0.0.0/24).</summary>
    public IpAddress Last => IsV6
        ? IpAddress.FromV6(Address.Value | (Length == 128 ? UInt128.Zero : UInt128.MaxValue >> Length))
        : IpAddress.FromV4(Address.V4Value | (Length == 32 ? 0u : uint.MaxValue >> Length));

    /// <summary>True when <paramref name="address"/> is of the same family and inside this prefix.</summary>
    public bool Contains(IpAddress address) => address.IsV6 == IsV6 && address.Mask(Length) == Address;

    /// <summary>True when <paramref name="other"/> lies wholly inside this prefix.</summary>
    public bool Contains(IpPrefix other) => other.Length >= Length && Contains(other.Address);

    /// <summary>True when the two prefixes share any address.</summary>
    public bool Overlaps(IpPrefix other) => Contains(other) || other.Contains(this);

    /// <summary>
    /// Parses "address/length". With <paramref name="requireMasked"/>, host bits set after the prefix
    /// ("10.0.0.1/24") are refused, since an operator who writes them usually meant something else.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out IpPrefix prefix, bool requireMasked = false)
    {
        prefix = default;
        if (text is null)
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || !IpAddress.TryParse(text[..slash], out var address))
        {
            return false;
        }

        var lengthText = text.AsSpan(slash + 1);
        if (lengthText.Length is 0 or > 3 || !int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || length > address.BitLength)
        {
            return false;
        }

        if (requireMasked && address.Mask(length) != address)
        {
            return false;
        }

        prefix = new IpPrefix(address, length);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/>; for configuration, not packets.</summary>
    public static IpPrefix Parse(string text) =>
        TryParse(text, out var prefix) ? prefix : throw new FormatException($"'{text}' is not a prefix (expected address/length, such as 10.0.0.0/24).");

    /// <inheritdoc />
    public override string ToString() => $"{Address}/{Length.ToString(CultureInfo.InvariantCulture)}";

    /// <inheritdoc />
    public bool Equals(IpPrefix other) => Length == other.Length && Address == other.Address;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is IpPrefix other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Address, Length);

    public static bool operator ==(IpPrefix left, IpPrefix right) => left.Equals(right);

    public static bool operator !=(IpPrefix left, IpPrefix right) => !left.Equals(right);

    [DoesNotReturn]
    private static void ThrowLength(int length, int max) =>
        throw new ArgumentOutOfRangeException(nameof(length), length, $"A prefix length must be 0 to {max}.");
}
