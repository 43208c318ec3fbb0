using Hnv.Wire.Capture;

namespace Hnv.Wire.Tests.Fuzz.Targets;

/// <summary>A whole pcap file through <see cref="PcapReader"/>: the header, then records until an error or the end.</summary>
internal sealed class PcapReaderTarget : IFuzzTarget
{
    public string Name => "PcapReader";

    public void Run(ReadOnlySpan<byte> input) => Read(new MemoryStream(input.ToArray(), writable: false));

    /// <summary>Reads every record of <paramref name="stream"/>; also used on a sentinel-guarded array by the property tests.</summary>
    public static void Read(Stream stream)
    {
        if (PcapReader.TryOpen(stream, out var reader) != PcapError.None)
        {
            return;
        }

        PcapError error;
        while ((error = reader.TryReadNext(out var record)) == PcapError.None)
        {
            FuzzInput.Check(record.Data.Count <= stream.Length, "a record is no longer than the file");
        }

        FuzzInput.Check(error != PcapError.None, "the loop ends on an error or the end of the file");
    }
}
