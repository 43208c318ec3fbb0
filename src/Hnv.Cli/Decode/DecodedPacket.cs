namespace Hnv.Cli.Decode;

/// <summary>
/// One packet of a capture as hnv sees it: the shape of one object of `hnv decode --output json` and of one
/// row of the table. Fields that the packet does not have are null.
/// </summary>
internal sealed record DecodedPacket
{
    /// <summary>1-based number of the packet in the capture (as Wireshark numbers frames).</summary>
    public required int Frame { get; init; }

    /// <summary>Capture time, UTC.</summary>
    public required DateTime Time { get; init; }

    /// <summary>The packet's length on the wire.</summary>
    public required int Length { get; init; }

    /// <summary>The outer Ethernet header; null for raw-IP captures.</summary>
    public DecodedEthernet? Ethernet { get; init; }

    /// <summary>The outer IP header (the PAs); null when there is none or it could not be read.</summary>
    public DecodedOuter? Outer { get; init; }

    /// <summary>The GRE protocol type as "0x6558"; null when no GRE header was read.</summary>
    public string? GreProtocol { get; init; }

    /// <summary>The virtual subnet id from the GRE key; null when there is no key.</summary>
    public uint? Vsid { get; init; }

    /// <summary>The FlowID (low 8 bits of the GRE key); null when there is no key.</summary>
    public int? FlowId { get; init; }

    /// <summary>The 32-bit GRE key as "0x%08x"; null when there is no key.</summary>
    public string? Key { get; init; }

    /// <summary>The encapsulated (customer) frame; null when none was read.</summary>
    public DecodedInner? Inner { get; init; }

    /// <summary>The <c>DropReason</c> name when a decapsulating agent would drop the packet; null when it would accept it.</summary>
    public string? Error { get; init; }

    /// <summary>With --policy: what the controller says the packet belongs to; left out otherwise.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public DecodedPolicy? Policy { get; init; }
}
