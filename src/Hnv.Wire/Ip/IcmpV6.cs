namespace Hnv.Wire.Ip;

/// <summary>
/// ICMPv6 types hnv sends or reads (RFC 4443, and neighbor discovery from RFC 4861); the header is
/// <see cref="IcmpHeader"/>.
/// </summary>
public static class IcmpV6
{
    public const int HeaderLength = IcmpHeader.Length;
    public const byte TypeDestinationUnreachable = 1;
    public const byte TypePacketTooBig = 2;
    public const byte TypeTimeExceeded = 3;
    public const byte TypeEchoRequest = 128;
    public const byte TypeEchoReply = 129;
    public const byte TypeRouterSolicitation = 133;
    public const byte TypeRouterAdvertisement = 134;
    public const byte TypeNeighborSolicitation = 135;
    public const byte TypeNeighborAdvertisement = 136;
    public const byte TypeRedirect = 137;
}
