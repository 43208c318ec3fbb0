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

        Examples:
          hnv decode samples/nvgre-demo.pcap
          hnv decode capture.pcap --output json

        Exit codes:
          0  every packet was read (packets an agent would drop are data, not failures)
          1  the file is missing, unreadable, not a classic pcap file, or cut short
             (the packets before the damage are still shown)
          2  the command line is wrong (unknown option, missing FILE, bad --output value)
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

        var command = new VerbCommand("decode", Description, Epilogue) { file, output };
        command.SetAction(parseResult =>
        {
            var invocation = parseResult.InvocationConfiguration;
            var run = new DecodeRun(parseResult.GetValue(file)!, invocation.Output, invocation.Error);
            return run.Execute(parseResult.GetValue(output) ?? Table);
        });
        return command;
    }
}
