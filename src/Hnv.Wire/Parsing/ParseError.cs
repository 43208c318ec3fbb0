namespace Hnv.Wire.Parsing;

/// <summary>Why <see cref="FrameParser"/> could not read a frame.</summary>
public enum ParseError : byte
{
    None = 0,
    EthernetTruncated,
    Ipv4Malformed,
    Ipv6Malformed,
    Ipv6ExtensionHeadersMalformed,
    TransportTruncated,
}
