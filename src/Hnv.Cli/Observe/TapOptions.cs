using System.CommandLine;
using System.Globalization;
using System.Text;

namespace Hnv.Cli.Observe;

/// <summary>The options `hnv capture` and `hnv observe` share: where, what, how much.</summary>
internal sealed class TapOptions
{
    public Option<string?> Socket { get; } = new("--socket") { Description = "The agent's or gateway's API socket (default: the lab node's, else /run/hnv/agent.sock)." };

    public Option<string?> Lab { get; } = new("--lab") { Description = "The lab whose node --host names (default: any lab that has it)." };

    public Option<string?> Nic { get; } = new("--nic") { Description = "Only this NIC's (port's) frames." };

    public Option<bool> Underlay { get; } = new("--underlay") { Description = "The underlay's NVGRE packets (outer headers and all) instead of the VMs' frames." };

    public Option<uint?> Vsid { get; } = new("--vsid") { Description = "Only this virtual subnet (matched on the inner packet of underlay traffic too)." };

    public Option<string?> Ca { get; } = new("--ca") { Description = "Only packets from or to this CA (inner addresses on underlay traffic too)." };

    public Option<long?> Count { get; } = new("--count", "-c") { Description = "Stop after this many packets." };

    public Option<double?> Duration { get; } = new("--duration") { Description = "Stop after this many seconds." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Socket, Lab, Nic, Underlay, Vsid, Ca, Count, Duration })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The daemon's query string for what the command line asks (its own checks and limits apply there).</summary>
    public string Query(ParseResult parsed, params (string Name, string? Value)[] more)
    {
        var parts = new List<(string, string?)>
        {
            ("port", parsed.GetValue(Nic)),
            ("underlay", parsed.GetValue(Underlay) ? "true" : null),
            ("vsid", parsed.GetValue(Vsid)?.ToString(CultureInfo.InvariantCulture)),
            ("ca", parsed.GetValue(Ca)),
            ("count", parsed.GetValue(Count)?.ToString(CultureInfo.InvariantCulture)),
            ("seconds", parsed.GetValue(Duration)?.ToString(CultureInfo.InvariantCulture)),
        };
        parts.AddRange(more);
        var query = new StringBuilder();
        foreach (var (name, value) in parts)
        {
            if (value is not null)
            {
                query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        return query.ToString();
    }
}
