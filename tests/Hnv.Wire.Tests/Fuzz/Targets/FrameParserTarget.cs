using Hnv.Wire.Parsing;
using Hnv.Wire.Tunnel;

namespace Hnv.Wire.Tests.Fuzz.Targets;

/// <summary>A whole Ethernet frame through <see cref="FrameParser"/>, then <see cref="FlowHash"/>.</summary>
internal sealed class FrameParserTarget : IFuzzTarget
{
    public string Name => "FrameParser";

    public void Run(ReadOnlySpan<byte> input)
    {
        var frame = FuzzInput.AsWritable(input);
        var error = FrameParser.Parse(frame, out var summary);
        if (error == ParseError.EthernetTruncated)
        {
            FuzzInput.Check(summary == default, "a truncated frame leaves the summary empty");
            return;
        }

        _ = FlowHash.Compute(summary);
        FuzzInput.Check(summary.NetworkOffset is 14 or 18, "network offset follows the Ethernet header");
        if (summary.IsIp)
        {
            FuzzInput.Check(summary.NetworkOffset + summary.IpLength <= frame.Length, "the IP packet lies inside the frame");
        }

        FuzzInput.Check(summary.TransportOffset <= frame.Length, "the transport offset lies inside the frame");
    }
}
