using System.Text;
using Hnv.Policy.Model;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Policy.Validation;

public sealed partial class PolicyItemReader
{
    /// <summary>An RDID that names a routing domain: a GUID, and not the empty one.</summary>
    public bool Rdid(string? text, string field, out Rdid rdid) => _fields.Rdid(text, Field(field), out rdid) && NotEmpty(rdid, field);

    public bool Vsid(long? value, string field, out Vsid vsid) => _fields.Vsid(value, Field(field), out vsid);

    public bool Address(string? text, string field, string what, out IpAddress address) => _fields.Address(text, Field(field), what, out address);

    public bool Prefix(string? text, string field, out IpPrefix prefix) => _fields.Prefix(text, Field(field), out prefix);

    /// <summary>A NIC's MAC: it must read and be unicast (not zero, not a group address).</summary>
    public bool UnicastMac(string? text, string field, out MacAddress mac) => _fields.Mac(text, Field(field), out mac) && Unicast(mac, field);

    private bool Unicast(MacAddress mac, string field) =>
        (mac != MacAddress.Zero && !mac.IsMulticast)
        || Fail(field, $"The MAC {mac} is not a unicast address; a NIC needs a unicast MAC such as 00:15:5d:00:00:01.");

    /// <summary>An item's own RDID: it must read; the empty GUID adds its problem but still reads, so no cascade follows.</summary>
    private bool ItemRdid(string? text, string field, out Rdid rdid)
    {
        if (!_fields.Rdid(text, Field(field), out rdid))
        {
            return false;
        }

        NotEmpty(rdid, field);
        return true;
    }

    private bool NotEmpty(Rdid rdid, string field) =>
        rdid.Value != Guid.Empty || Fail(field, $"The RDID {rdid} is the empty GUID; give each routing domain its own GUID.");

    private bool Metric(int? value, string field, out int metric)
    {
        metric = value ?? CustomerRoute.DefaultMetric;
        return metric >= 0 || Fail(field, $"The metric {metric} is negative; expected 0 or more (lower is preferred).");
    }

    private void NullEntry(string what, string fields) =>
        problems.Add(new PolicyProblem(path.Length == 0 ? "$" : path, $"The {what} entry is null; expected an object with {fields}."));

    private string Field(string field) => path.Length == 0 ? field : $"{path}.{field}";

    /// <summary>A control or format character: terminal escapes, NUL, bidi and zero-width marks.</summary>
    private static bool IsHidden(char c) => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;

    /// <summary>Text fit to quote in an error: control and format characters (escapes, bidi marks) shown as \u codes, long text cut.</summary>
    private static string Printable(string text)
    {
        var shown = new StringBuilder();
        foreach (var c in text.Length > MaxNameLength + 16 ? text[..(MaxNameLength + 16)] : text)
        {
            _ = IsHidden(c)
                ? shown.Append($"\\u{(int)c:x4}")
                : shown.Append(c);
        }

        return text.Length > MaxNameLength + 16 ? shown.Append('…').ToString() : shown.ToString();
    }
}
