namespace Hnv.Wire.Ip;

/// <summary>ICMPv4 types and codes hnv sends or reads (RFC 792, RFC 1191); the header is <see cref="IcmpHeader"/>.</summary>
public static class IcmpV4
{
    public const int HeaderLength = IcmpHeader.Length;
    public const byte TypeEchoReply = 0;
    public const byte TypeDestinationUnreachable = 3;
    public const byte TypeEchoRequest = 8;
    public const byte TypeTimeExceeded = 11;
    public const byte CodeFragmentationNeeded = 4;
    public const byte CodeTtlExceeded = 0;
}
