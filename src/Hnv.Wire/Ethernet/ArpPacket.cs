using System.Buffers.Binary;
using Hnv.Wire.Addressing;

namespace Hnv.Wire.Ethernet;

/// <summary>
/// An ARP packet for IPv4 over Ethernet (RFC 826); other hardware or protocol types are not read.
/// <code>
/// | htype=1 (2) | ptype=0x0800 (2) | hlen=6 (1) | plen=4 (1) | oper (2) |
/// | sender MAC (6) | sender IPv4 (4) | target MAC (6) | target IPv4 (4) |
/// </code>
/// </summary>
public readonly ref struct ArpPacket
{
    /// <summary>Length of an Ethernet/IPv4 ARP packet.</summary>
    public const int Length = 28;

    /// <summary>ARP request opcode.</summary>
    public const ushort OperationRequest = 1;

    /// <summary>ARP reply opcode.</summary>
    public const ushort OperationReply = 2;

    private readonly Span<byte> _bytes;

    private ArpPacket(Span<byte> bytes) => _bytes = bytes;

    /// <summary>False unless this is a full Ethernet/IPv4 ARP packet.</summary>
    public static bool TryRead(Span<byte> bytes, out ArpPacket packet)
    {
        packet = default;
        if ((uint)bytes.Length < Length
            || BinaryPrimitives.ReadUInt16BigEndian(bytes) != 1
            || BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]) != EtherTypes.Ipv4
            || bytes[4] != 6 || bytes[5] != 4)
        {
            return false;
        }

        packet = new ArpPacket(bytes);
        return true;
    }

    public ushort Operation
    {
        get => BinaryPrimitives.ReadUInt16BigEndian(_bytes[6..]);
        set => BinaryPrimitives.WriteUInt16BigEndian(_bytes[6..], value);
    }

    public MacAddress SenderMac
    {
        get => MacAddress.Read(_bytes[8..]);
        set => value.Write(_bytes[8..]);
    }

    public IpAddress SenderIp
    {
        get => IpAddress.ReadV4(_bytes[14..]);
        set => value.Write(_bytes[14..]);
    }

    public MacAddress TargetMac
    {
        get => MacAddress.Read(_bytes[18..]);
        set => value.Write(_bytes[18..]);
    }

    public IpAddress TargetIp
    {
        get => IpAddress.ReadV4(_bytes[24..]);
        set => value.Write(_bytes[24..]);
    }

    /// <summary>Writes a whole Ethernet/IPv4 ARP packet.</summary>
    public static void Write(Span<byte> destination, ushort operation, MacAddress senderMac, IpAddress senderIp, MacAddress targetMac, IpAddress targetIp)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, 1);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], EtherTypes.Ipv4);
        destination[4] = 6;
        destination[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], operation);
        senderMac.Write(destination[8..]);
        senderIp.Write(destination[14..]);
        targetMac.Write(destination[18..]);
        targetIp.Write(destination[24..]);
    }
}
