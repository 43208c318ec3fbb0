using System.Globalization;

namespace Hnv.Wire.Tunnel;

/// <summary>
/// A 24-bit virtual subnet id. RFC 7637 section 3.2 reserves 0–0xFFF and 0xFFFFFF, so a usable VSID is
/// 4096–16777214; <see cref="IsValid"/> says whether this one is.
/// </summary>
public readonly record struct Vsid(uint Value) : IComparable<Vsid>
{
    /// <summary>The lowest usable VSID.</summary>
    public const uint Min = 0x1000;

    /// <summary>The highest usable VSID.</summary>
    public const uint Max = 0xFFFFFE;

    /// <summary>True when the value is in the usable range.</summary>
    public bool IsValid => Value is >= Min and <= Max;

    /// <inheritdoc />
    public int CompareTo(Vsid other) => Value.CompareTo(other.Value);

    /// <inheritdoc />
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    public static bool operator <(Vsid left, Vsid right) => left.Value < right.Value;

    public static bool operator >(Vsid left, Vsid right) => left.Value > right.Value;

    public static bool operator <=(Vsid left, Vsid right) => left.Value <= right.Value;

    public static bool operator >=(Vsid left, Vsid right) => left.Value >= right.Value;
}
