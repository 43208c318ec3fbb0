using Hnv.Wire.Addressing;

namespace Hnv.Wire.Tests.Support;

/// <summary>A frame made with FrameBuilder and the fields it was made with.</summary>
internal sealed record BuiltFrame(
    FrameKind Kind,
    byte[] Bytes,
    MacAddress SourceMac,
    MacAddress DestinationMac,
    IpAddress Source,
    IpAddress Destination,
    ushort SourcePort,
    ushort DestinationPort,
    byte HopLimit,
    int PayloadLength)
{
    public bool IsV6 => Destination.IsV6;
}
