namespace Hnv.Wire.Capture;

/// <summary>One packet read from a pcap file.</summary>
/// <param name="Timestamp">Capture time.</param>
/// <param name="Data">The captured bytes (possibly fewer than <paramref name="OriginalLength"/>).</param>
/// <param name="OriginalLength">The packet's length on the wire.</param>
public readonly record struct PcapRecord(DateTimeOffset Timestamp, ArraySegment<byte> Data, int OriginalLength);
