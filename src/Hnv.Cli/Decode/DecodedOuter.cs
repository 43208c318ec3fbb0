namespace Hnv.Cli.Decode;

/// <summary>The outer IP header: provider addresses and the IP protocol ("gre" for NVGRE).</summary>
internal sealed record DecodedOuter(string Src, string Dst, string Protocol);
