namespace Hnv.Cli.Decode;

/// <summary>The outer Ethernet header of a captured frame.</summary>
internal sealed record DecodedEthernet(string SrcMac, string DstMac, string EtherType);
