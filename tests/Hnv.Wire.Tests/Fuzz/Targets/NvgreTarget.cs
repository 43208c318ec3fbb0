using Hnv.Wire.Parsing;
using Hnv.Wire.Tunnel;

namespace Hnv.Wire.Tests.Fuzz.Targets;

/// <summary>A GRE header and what follows: <see cref="NvgreHeader.TryRead"/>, then the inner frame through <see cref="FrameParser"/>.</summary>
internal sealed class NvgreTarget : IFuzzTarget
{
    public string Name => "Nvgre";

    public void Run(ReadOnlySpan<byte> input)
    {
        var bytes = FuzzInput.AsWritable(input);
        var error = NvgreHeader.TryRead(bytes, out var gre);
        if (error == NvgreError.Truncated)
        {
            return;
        }

        // Usable for counting whatever the verdict.
        _ = (gre.Flags, gre.Protocol, gre.Key, gre.Vsid.IsValid, gre.FlowId);
        FuzzInput.Check(gre.Key == ((gre.Vsid.Value << 8) | gre.FlowId), "key is VSID << 8 | FlowID");
        if (error != NvgreError.None)
        {
            return;
        }

        FuzzInput.Check(gre.Flags == NvgreHeader.FlagsWord && gre.Vsid.IsValid, "only an exact NVGRE header is accepted");
        if (FrameParser.Parse(gre.Payload, out var inner) != ParseError.EthernetTruncated)
        {
            _ = FlowHash.Compute(inner);
        }
    }
}
