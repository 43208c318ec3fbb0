using System.Buffers.Binary;

namespace Hnv.Cli.Observe;

/// <summary>Copies a pcap stream to a file as it comes, counting its packets (each record's header gives its length).</summary>
internal static class PcapCopy
{
    private const int FileHeader = 24;
    private const int RecordHeader = 16;

    public static async Task<(long Packets, long Bytes)> CopyAsync(Stream source, Stream target, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        long packets = 0, bytes = 0, position = 0, nextRecord = FileHeader;
        var header = new byte[RecordHeader];
        var headerFill = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            await target.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
            await target.FlushAsync(ct).ConfigureAwait(false);

            // Walk the record headers that lie in what was read.
            for (var i = 0; i < read; i++, position++)
            {
                if (position < nextRecord)
                {
                    continue;
                }

                header[headerFill++] = buffer[i];
                if (headerFill == RecordHeader)
                {
                    var captured = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(8));
                    packets++;
                    bytes += captured;
                    nextRecord = position + 1 + captured;
                    headerFill = 0;
                }
            }
        }

        return (packets, bytes);
    }
}
