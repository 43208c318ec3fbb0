using Hnv.Policy.Model;
using Hnv.Wire.Addressing;
using Hnv.Wire.Tunnel;

namespace Hnv.Policy.Validation;

/// <summary>
/// Turns a document's strings and numbers into typed values, adding a problem (field and sentence) for each one that
/// is wrong: for policy documents here, and for the controller's request bodies, so both say the same about a value.
/// </summary>
public sealed class FieldReader(List<PolicyProblem> problems)
{
    public bool Rdid(string? text, string field, out Rdid rdid)
    {
        if (Model.Rdid.TryParse(text, out rdid))
        {
            return true;
        }

        return Fail(field, text is null
            ? "The RDID is missing; expected a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301."
            : $"'{text}' is not an RDID; expected a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301.");
    }

    public bool Vsid(long? value, string field, out Vsid vsid)
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

    public bool Address(string? text, string field, string what, out IpAddress address)
    {
        if (IpAddress.TryParse(text, out address))
        {
            return true;
        }

        return Fail(field, text is null
            ? $"The {what} is missing; expected an IPv4 or IPv6 address."
            : $"'{text}' is not an IP address; expected a {what} such as 10.0.0.5 or 2001:db8::5.");
    }

    public bool Prefix(string? text, string field, out IpPrefix prefix)
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

    public bool Mac(string? text, string field, out MacAddress mac)
    {
        if (MacAddress.TryParse(text, out mac))
        {
            return true;
        }

        return Fail(field, text is null
            ? "The MAC is missing; expected six hex octets such as 00:15:5d:00:00:01."
            : $"'{text}' is not a MAC address; expected six hex octets such as 00:15:5d:00:00:01.");
    }

    public bool Rule(string? text, string field, out LookupRule rule)
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

    public bool RecordType(string? text, string field, out LookupRecordType type)
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

    public bool Required(int? value, string field, string what, out int result)
    {
        result = value.GetValueOrDefault();
        return value.HasValue || Fail(field, $"The {what} is missing; expected a number.");
    }

    public bool Fail(string field, string message)
    {
        problems.Add(new PolicyProblem(field, message));
        return false;
    }
}
