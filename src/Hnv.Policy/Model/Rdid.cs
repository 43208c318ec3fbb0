using System.Diagnostics.CodeAnalysis;

namespace Hnv.Policy.Model;

/// <summary>A routing domain id: the GUID that names a tenant's customer network, its isolation boundary.</summary>
public readonly record struct Rdid(Guid Value)
{
    /// <summary>Parses a GUID in any of the forms <see cref="Guid.TryParse(string?, out Guid)"/> accepts.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Rdid rdid)
    {
        var ok = Guid.TryParse(text, out var value);
        rdid = new Rdid(value);
        return ok;
    }

    /// <summary>Parses or throws <see cref="FormatException"/>; for configuration and tests.</summary>
    public static Rdid Parse(string text) =>
        TryParse(text, out var rdid) ? rdid : throw new FormatException($"'{text}' is not an RDID (expected a GUID).");

    /// <inheritdoc />
    public override string ToString() => Value.ToString("D");
}
