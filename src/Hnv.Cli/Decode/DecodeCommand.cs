using System.CommandLine;

namespace Hnv.Cli.Decode;

/// <summary>`hnv decode FILE.pcap [--output json|table]`: each packet of a capture as hnv sees it.</summary>
internal static class DecodeCommand
{
    /// <summary>The values of <c>--output</c>.</summary>
    public const string Table = "table";

    /// <summary>The values of <c>--output</c>.</summary>
    public const string Json = "json";

    private const string Description = "Show each packet of a capture as hnv sees it: PAs, VSID, FlowID, the inner frame, and why an agent would drop it.";

    private const string Epilogue = """
        Each packet is shown with its outer addresses (PAs), the VSID and FlowID of the NVGRE key, the inner
        frame (CAs, protocol, ports) and, for a packet any agent would drop whatever its policy, the reason:
        a DropReason name such as NvgreReservedVsid, or NonIp for a frame that is not IP at all.
        Reads classic pcap files with Ethernet (1) or raw IP (101, 228, 229) link types.

        With --policy, the controller names what each NVGRE packet belongs to: the routing domain, the hosts
        behind its PAs, the NICs of its inner flow, whether its FlowID is the one the sender computes, and what
        policy would not accept (an unknown PA, a VSID the receiving host does not serve, ...).

        Examples:
          hnv decode samples/nvgre-demo.pcap
          hnv decode capture.pcap --output json
          hnv capture --host host1 --underlay --count 50 -w fabric.pcap && hnv decode fabric.pcap --policy

        Exit codes:
          0  every packet was read (packets an agent would drop are data, not failures)
          1  the file is missing, unreadable, not a classic pcap file, or cut short
             (the packets before the damage are still shown)
          2  the command line is wrong (unknown option, missing FILE, bad --output value)
          3  with --policy: the controller cannot be reached
        """;

    /// <summary>Builds the `decode` verb.</summary>
    public static Command Build()
    {
        var file = new Argument<string>("FILE")
        {
            Description = "The capture to read: a classic pcap file (pcapng: convert it with `editcap -F pcap in.pcapng out.pcap`).",
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "How to show the packets: a table (the default) or a JSON array with one object per packet.",
            DefaultValueFactory = _ => Table,
        };
        output.AcceptOnlyFromAmong(Table, Json);

        var policy = new Option<bool>("--policy") { Description = "Ask the controller what each NVGRE packet belongs to (routing domain, hosts, NICs)." };
        var controller = new Management.ManagementOptions();
        var command = new VerbCommand("decode", Description, Epilogue) { file, output, policy, controller.Controller, controller.Token, controller.TokenFile, controller.CaFile };
        command.SetAction(parseResult =>
        {
            var invocation = parseResult.InvocationConfiguration;
            try
            {
                PolicyLookup? lookup = null;
                if (parseResult.GetValue(policy))
                {
                    var settings = Management.ControllerSettings.Resolve(parseResult.GetValue(controller.Controller), parseResult.GetValue(controller.Token),
                        parseResult.GetValue(controller.TokenFile), Management.ManagementRun.Environment, parseResult.GetValue(controller.CaFile));
                    lookup = new PolicyLookup(settings.CreateClient());
                }

                return new DecodeRun(parseResult.GetValue(file)!, invocation.Output, invocation.Error, lookup).Execute(parseResult.GetValue(output) ?? Table);
            }
            catch (Client.HnvApiException e)
            {
                invocation.Error.WriteLine($"hnv decode --policy: {e.Message}");
                return Management.ManagementRun.ExitCodeOf(e);
            }
            catch (Management.ManagementException e)
            {
                invocation.Error.WriteLine($"hnv decode --policy: {e.Message}");
                return e.ExitCode;
            }
        });
        return command;
    }
}
