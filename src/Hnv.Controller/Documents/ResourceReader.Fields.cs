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

    private bool Rdid(string? text, string field, out Rdid rdid) =>
        _fields.Rdid(text, field, out rdid)
        && (rdid.Value != Guid.Empty || Fail(field, "The RDID is the empty GUID; give each routing domain its own GUID."));

    private bool Vsid(long? value, string field, out Vsid vsid) => _fields.Vsid(value, field, out vsid);

    private bool Address(string? text, string field, string what, out IpAddress address) => _fields.Address(text, field, what, out address);

    private bool Prefix(string? text, string field, out IpPrefix prefix) => _fields.Prefix(text, field, out prefix);

    private bool Mac(string? text, string field, out MacAddress mac) =>
        _fields.Mac(text, field, out mac)
        && ((mac != MacAddress.Zero && !mac.IsMulticast)
            || Fail(field, $"The MAC {mac} is not a unicast address; a NIC needs a unicast MAC such as 00:15:5d:00:00:01."));

    private bool Rule(string? text, string field, out LookupRule rule) => _fields.Rule(text, field, out rule);

    private bool RecordType(string? text, string field, out LookupRecordType type) => _fields.RecordType(text, field, out type);

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
