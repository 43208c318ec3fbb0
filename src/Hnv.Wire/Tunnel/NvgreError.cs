namespace Hnv.Wire.Tunnel;

/// <summary>Why a GRE header is not acceptable NVGRE (RFC 7637 section 3.2).</summary>
public enum NvgreError : byte
{
    /// <summary>Acceptable.</summary>
    None = 0,

    /// <summary>Fewer than 8 bytes.</summary>
    Truncated,

    /// <summary>The K bit is not set: there is no key, so no VSID.</summary>
    KeyMissing,

    /// <summary>The C (checksum) bit is set; NVGRE forbids it.</summary>
    ChecksumPresent,

    /// <summary>The S (sequence) bit is set; NVGRE forbids it.</summary>
    SequencePresent,

    /// <summary>Reserved0 bits or the version are not zero.</summary>
    ReservedBitsSet,

    /// <summary>The protocol type is not 0x6558 (transparent Ethernet bridging).</summary>
    WrongProtocol,

    /// <summary>The VSID is 0–0xFFF or 0xFFFFFF.</summary>
    ReservedVsid,
}
