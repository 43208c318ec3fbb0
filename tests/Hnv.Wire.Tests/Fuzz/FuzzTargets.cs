using Hnv.Wire.Tests.Fuzz.Targets;

namespace Hnv.Wire.Tests.Fuzz;

/// <summary>Every fuzz target, by name.</summary>
internal static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new FrameParserTarget(),
        new NvgreTarget(),
        new Ipv6ExtensionsTarget(),
        new TcpOptionsTarget(),
        new NdOptionsTarget(),
        new PcapReaderTarget(),
        new HeaderViewsTarget(),
    ];

    public static IFuzzTarget Get(string name) => All.Single(t => t.Name == name);
}
