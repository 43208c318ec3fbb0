using Hnv.Wire.Capture;

namespace Hnv.Cli.Observe;

/// <summary>
/// Copies a pcap stream to a file as it comes, record by record (so the file is readable while the capture runs),
/// with the project's pcap reader and writer; counts what it copied.
/// </summary>
internal static class PcapCopy
{
    /// <summary>The packets and bytes copied, or a problem when the stream is no pcap or breaks off inside a record.</summary>
    public static (long Packets, long Bytes, string? Problem) Copy(Stream source, Stream target)
    {
        if (PcapReader.TryOpen(source, out var reader) != PcapError.None)
        {
            return (0, 0, "the daemon's answer is not a pcap stream");
        }

        using var writer = new PcapWriter(target, reader.LinkType, leaveOpen: true);
        long packets = 0, bytes = 0;
        while (true)
        {
            var status = reader.TryReadNext(out var record);
            if (status != PcapError.None)
            {
                return (packets, bytes, status == PcapError.EndOfFile ? null : $"the stream broke off after {packets} packets ({status})");
            }

            writer.Write(record.Data, record.Timestamp);
            writer.Flush();
            packets++;
            bytes += record.Data.Count;
        }
    }
}
