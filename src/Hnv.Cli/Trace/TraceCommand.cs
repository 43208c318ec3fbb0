using System.CommandLine;
using System.Text.Json;
using Hnv.Cli.Management;
using Hnv.Client.Json;
using Hnv.Client.Trace;

namespace Hnv.Cli.Trace;

/// <summary>
/// `hnv trace`: follow a packet from a NIC through the hosts' pipelines and the underlay, as the controller computes it
/// from policy; or, with --underlay, name what a packet seen on the fabric belongs to.
/// </summary>
internal static class TraceCommand
{
    public static Command Build()
    {
        var options = new ManagementOptions();
        var from = new Option<string?>("--from") { Description = "The NIC the packet leaves from." };
        var to = new Option<string?>("--to") { Description = "The address it goes to: a CA, or an outside address." };
        var protocol = new Option<string?>("--proto") { Description = "icmp (an echo request, the default), tcp (a SYN) or udp." };
        var sourcePort = new Option<int?>("--sport") { Description = "TCP or UDP source port (default 40000)." };
        var destinationPort = new Option<int?>("--dport") { Description = "TCP or UDP destination port (default 80 for tcp, 53 for udp)." };
        var size = new Option<int?>("--size") { Description = "The IP packet's length in bytes (default: headers and 56 bytes, like ping)." };
        var live = new Option<bool>("--live") { Description = "Also send a marked probe on the real data path and compare what the agents did (it never reaches a VM)." };
        var summary = new Option<bool>("--summary") { Description = "A few lines: the verdict, the hosts and PAs, the key (for scripts)." };
        var underlay = new Option<string[]>("--underlay")
        {
            Description = "Reverse lookup of a fabric packet: SOURCE_PA DESTINATION_PA KEY (the GRE key, decimal or 0x hex).",
            Arity = new ArgumentArity(3, 3),
            AllowMultipleArgumentsPerToken = true,
        };
        var innerSource = new Option<string?>("--inner-src") { Description = "With --underlay: the inner source address (with --inner-dst, --proto, --sport, --dport)." };
        var innerDestination = new Option<string?>("--inner-dst") { Description = "With --underlay: the inner destination address." };
        var verb = new VerbCommand("trace", "Follow a packet from a NIC through the hosts and the underlay, or name what a fabric packet belongs to.", $"""
            hnv trace --from NIC --to ADDRESS [--proto tcp|udp|icmp] [--sport N] [--dport N] [--size N] [--live] [--summary]
              The controller builds the packet and runs the hosts' own pipeline on it with the policy in force: each
              stage on the sending host, the NVGRE envelope (PAs, GRE key = VSID and FlowID, DF, length), the provider
              route and underlay MTU on the sending host, then each stage on the receiving host; and the verdict
              (delivered, outside through a gateway, answered by the host, or dropped with its stage and reason).
              Nothing is sent, unless --live: then the sending host's agent also puts a marked probe on its real data
              path, every other host of the routing domain watches for it, and each says what it really did; where
              that differs from the computation (an older revision, another PA, a drop, silence) it is named. The
              probe never reaches a VM; at most 5 live traces a second.

            hnv trace --underlay SOURCE_PA DESTINATION_PA KEY [--inner-src A --inner-dst B --proto P --sport N --dport N]
              What an NVGRE packet seen in the fabric belongs to: routing domain, VSID, hosts, and the NICs it can be
              between; with its inner flow, the two NICs and whether the FlowID is the one its sender computes.

            A token limited to routing domains traces its own NICs and sees no hosts or PAs.

            {ManagementExitCodes.Text}
            """);
        foreach (var option in new Option[] { from, to, protocol, sourcePort, destinationPort, size, live, summary, underlay, innerSource, innerDestination })
        {
            verb.Options.Add(option);
        }

        ManagementRun.SetAction(verb, options, async (c, parsed) =>
        {
            if (parsed.GetValue(underlay) is { Length: 3 } fabric)
            {
                if (parsed.GetValue(from) is not null || parsed.GetValue(to) is not null || parsed.GetValue(size) is not null)
                {
                    throw new ManagementException("--underlay looks up a fabric packet; --from, --to and --size are for a trace from a NIC.", ExitCodes.Usage);
                }

                var inner = (parsed.GetValue(innerSource), parsed.GetValue(innerDestination)) switch
                {
                    (null, null) => null,
                    ({ } s, { } d) => new TracePacket
                    {
                        Source = s,
                        Destination = d,
                        Protocol = parsed.GetValue(protocol),
                        SourcePort = parsed.GetValue(sourcePort),
                        DestinationPort = parsed.GetValue(destinationPort),
                    },
                    _ => throw new ManagementException("Give the inner flow's --inner-src and --inner-dst together.", ExitCodes.Usage),
                };
                var found = await c.Client.TraceUnderlayAsync(
                    new UnderlayTraceRequest { SourcePa = fabric[0], DestinationPa = fabric[1], Key = fabric[2], Inner = inner }, c.Cancellation).ConfigureAwait(false);
                Write(c, found, Json.UnderlayTraceResult, () => TraceTables.Write(found, c.Output));
                return;
            }

            if (parsed.GetValue(from) is not { } nic || parsed.GetValue(to) is not { } destination)
            {
                throw new ManagementException("Name the packet: --from NIC --to ADDRESS (or look up a fabric packet with --underlay).", ExitCodes.Usage);
            }

            var result = await c.Client.TraceAsync(new TraceRequest
            {
                From = nic,
                To = destination,
                Protocol = parsed.GetValue(protocol),
                SourcePort = parsed.GetValue(sourcePort),
                DestinationPort = parsed.GetValue(destinationPort),
                Size = parsed.GetValue(size),
                Live = parsed.GetValue(live) ? true : null,
            }, c.Cancellation).ConfigureAwait(false);
            Write(c, result, Json.TraceResult, parsed.GetValue(summary) ? () => TraceTables.WriteSummary(result, c.Output) : () => TraceTables.Write(result, c.Output));
        });
        options.AddTo(verb);
        return verb;
    }

    private static readonly ClientJsonContext Json = new(new JsonSerializerOptions(ClientJsonContext.Default.Options) { WriteIndented = true });

    private static void Write<T>(ManagementContext c, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, Action table)
    {
        if (c.Json)
        {
            c.Output.WriteLine(JsonSerializer.Serialize(value, type));
        }
        else
        {
            table();
        }
    }
}
