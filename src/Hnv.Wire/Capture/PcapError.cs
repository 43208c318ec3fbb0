namespace Hnv.Wire.Capture;

/// <summary>What is wrong with a pcap file.</summary>
public enum PcapError : byte
{
    None = 0,

    /// <summary>The file ended cleanly after the last record.</summary>
    EndOfFile,

    /// <summary>Shorter than the 24-byte file header.</summary>
    HeaderTruncated,

    /// <summary>Not a classic pcap magic number (pcapng is not read).</summary>
    UnknownMagic,

    /// <summary>A record header or its data ran past the end of the file.</summary>
    RecordTruncated,

    /// <summary>A record claims more bytes than the snapshot length allows.</summary>
    RecordTooLong,
}
