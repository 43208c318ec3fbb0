using Hnv.Policy.Model;
using Hnv.Policy.Validation;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Controller.Documents;

internal sealed partial class ResourceReader
{
    /// <summary>The longest name of a host, NIC or token: they appear in paths and log lines.</summary>
    public const int MaxNameLength = 64;

    private bool Name(string? text, string field, string what, out string name)
    {
        name = text ?? string.Empty;
        if (string.IsNullOrEmpty(text))
        {
            return Fail(field, $"The {what} name is missing; expected 1 to {MaxNameLength} letters, digits, '.', '_' or '-'.");
        }

        if (text.Length > MaxNameLength || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            return Fail(field, $"'{text}' is not a {what} name; expected 1 to {MaxNameLength} letters, digits, '.', '_' or '-'.");
        }

        return true;
    }

    private bool Rdid(string? text, string field, out Rdid rdid)
    {
        if (Policy.Model.Rdid.TryParse(text, out rdid))
        {
            return rdid.Value != Guid.Empty || Fail(field, "The RDID is the empty GUID; give each routing domain its own GUID.");
        }

        return Fail(field, text is null
            ? "The RDID is missing; expected a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301."
            : $"'{text}' is not an RDID; expected a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301.");
    }

    private bool Vsid(long? value, string field, out Vsid vsid)
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

    private bool Address(string? text, string field, string what, out IpAddress address)
    {
        if (IpAddress.TryParse(text, out address))
        {
            return true;
        }

        return Fail(field, text is null
            ? $"The {what} is missing; expected an IPv4 or IPv6 address."
            : $"'{text}' is not an IP address; expected a {what} such as 10.0.0.5 or 2001:db8::5.");
    }

    private bool Prefix(string? text, string field, out IpPrefix prefix)
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

    private bool Mac(string? text, string field, out MacAddress mac)
    {
        if (!MacAddress.TryParse(text, out mac))
        {
            return Fail(field, text is null
                ? "The MAC is missing; expected six hex octets such as 00:15:5d:00:00:01."
                : $"'{text}' is not a MAC address; expected six hex octets such as 00:15:5d:00:00:01.");
        }

        return (mac != MacAddress.Zero && !mac.IsMulticast)
            || Fail(field, $"The MAC {mac} is not a unicast address; a NIC needs a unicast MAC such as 00:15:5d:00:00:01.");
    }

    private bool Rule(string? text, string field, out LookupRule rule)
    {
        rule = LookupRule.Encap;
        if (text is null || Enum.TryParse(text, ignoreCase: true, out rule) && Enum.IsDefined(rule) && !char.IsAsciiDigit(text[0]))
        {
            return true;
        }

        return Fail(field, $"'{text}' is not a lookup rule; expected Encap or Translate.");
    }

    private bool RecordType(string? text, string field, out LookupRecordType type)
    {
        type = LookupRecordType.Static;
        if (text is null || Enum.TryParse(text, ignoreCase: true, out type) && Enum.IsDefined(type) && !char.IsAsciiDigit(text[0]))
        {
            return true;
        }

        return Fail(field, $"'{text}' is not a lookup record type; expected Static, L2Only or GatewayWildcard.");
    }

    private bool Metric(int? value, string field, out int metric)
    {
        metric = value ?? CustomerRoute.DefaultMetric;
        return metric >= 0 || Fail(field, $"The metric {metric} is negative; expected 0 or more (lower is preferred).");
    }

    private bool Fail(string field, string message)
    {
        _problems.Add(new PolicyProblem(field, message));
        return false;
    }
}
