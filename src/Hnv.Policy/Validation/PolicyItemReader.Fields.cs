using System.Text;
using Hnv.Policy.Model;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Policy.Validation;

public sealed partial class PolicyItemReader
{
    /// <summary>An RDID that names a routing domain: a GUID, and not the empty one.</summary>
    public bool Rdid(string? text, string field, out Rdid rdid) => ParseRdid(text, field, out rdid) && NotEmpty(rdid, field);

    public bool Vsid(long? value, string field, out Vsid vsid) => ParseVsid(value, field, out vsid);

    public bool Address(string? text, string field, string what, out IpAddress address) => ParseAddress(text, field, what, out address);

    public bool Prefix(string? text, string field, out IpPrefix prefix) => ParsePrefix(text, field, out prefix);

    /// <summary>A NIC's MAC: it must read and be unicast (not zero, not a group address).</summary>
    public bool UnicastMac(string? text, string field, out MacAddress mac) => ParseMac(text, field, out mac) && Unicast(mac, field);

    private bool Unicast(MacAddress mac, string field) =>
        (mac != MacAddress.Zero && !mac.IsMulticast)
        || Fail(field, $"The MAC {mac} is not a unicast address; a NIC needs a unicast MAC such as 00:15:5d:00:00:01.");

    /// <summary>An item's own RDID: it must read; the empty GUID adds its problem but still reads, so no cascade follows.</summary>
    private bool ItemRdid(string? text, string field, out Rdid rdid)
    {
        if (!ParseRdid(text, field, out rdid))
        {
            return false;
        }

        NotEmpty(rdid, field);
        return true;
    }

    // Parsing: each wrong value adds a problem at the item-relative field and returns false.
    private bool ParseRdid(string? text, string field, out Rdid rdid)
    {
        if (Model.Rdid.TryParse(text, out rdid))
        {
            return true;
        }

        return Fail(field, text is null
            ? "The RDID is missing; expected a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301."
            : $"'{text}' is not an RDID; expected a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301.");
    }

    private bool ParseVsid(long? value, string field, out Vsid vsid)
    {
        vsid = default;
        if (value is not { } number)
        {
            return Fail(field, $"The VSID is missing; expected a number from {Wire.Tunnel.Vsid.Min} to {Wire.Tunnel.Vsid.Max}.");
        }

        if (number is < Wire.Tunnel.Vsid.Min or > Wire.Tunnel.Vsid.Max)
        {
            return Fail(field, $"The VSID {number} is out of range; expected {Wire.Tunnel.Vsid.Min} to {Wire.Tunnel.Vsid.Max} (RFC 7637 reserves 0-4095 and 16777215; a VSID has 24 bits).");
        }

        vsid = new Vsid((uint)number);
        return true;
    }

    private bool ParseAddress(string? text, string field, string what, out IpAddress address)
    {
        if (IpAddress.TryParse(text, out address))
        {
            return true;
        }

        return Fail(field, text is null
            ? $"The {what} is missing; expected an IPv4 or IPv6 address."
            : $"'{text}' is not an IP address; expected a {what} such as 10.0.0.5 or 2001:db8::5.");
    }

    private bool ParsePrefix(string? text, string field, out IpPrefix prefix)
    {
        if (IpPrefix.TryParse(text, out prefix, requireMasked: true))
        {
            return true;
        }

        if (IpPrefix.TryParse(text, out var loose))
        {
            return Fail(field, $"The prefix '{text}' has host bits set; expected the network address, {loose}.");
        }

        return Fail(field, text is null
            ? "The prefix is missing; expected address/length such as 10.0.0.0/24."
            : $"'{text}' is not a prefix; expected address/length such as 10.0.0.0/24 or 2001:db8::/64.");
    }

    private bool ParseMac(string? text, string field, out MacAddress mac)
    {
        if (MacAddress.TryParse(text, out mac))
        {
            return true;
        }

        return Fail(field, text is null
            ? "The MAC is missing; expected six hex octets such as 00:15:5d:00:00:01."
            : $"'{text}' is not a MAC address; expected six hex octets such as 00:15:5d:00:00:01.");
    }

    private bool ParseRule(string? text, string field, out LookupRule rule)
    {
        rule = LookupRule.Encap;
        if (text is null || text.Equals("Encap", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (text.Equals("Translate", StringComparison.OrdinalIgnoreCase))
        {
            rule = LookupRule.Translate;
            return true;
        }

        return Fail(field, $"'{text}' is not a lookup rule; expected Encap or Translate.");
    }

    private bool ParseRecordType(string? text, string field, out LookupRecordType type)
    {
        type = LookupRecordType.Static;
        if (text is null || text.Equals("Static", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (text.Equals("L2Only", StringComparison.OrdinalIgnoreCase))
        {
            type = LookupRecordType.L2Only;
            return true;
        }

        if (text.Equals("GatewayWildcard", StringComparison.OrdinalIgnoreCase))
        {
            type = LookupRecordType.GatewayWildcard;
            return true;
        }

        return Fail(field, $"'{text}' is not a lookup record type; expected Static, L2Only or GatewayWildcard.");
    }

    private bool ParseRequired(int? value, string field, string what, out int result)
    {
        result = value.GetValueOrDefault();
        return value.HasValue || Fail(field, $"The {what} is missing; expected a number.");
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
