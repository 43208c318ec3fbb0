using System.Buffers.Binary;
using System.Globalization;
using Hnv.Wire.Capture;

namespace Hnv.Cli.Decode;

/// <summary>
/// One run of `hnv decode`: opens the file, decodes every record and hands it to the writer, and turns each
/// file problem into a message on the error writer and <see cref="ExitCodes.FileProblem"/>.
/// </summary>
internal sealed class DecodeRun
{
    private const string ConvertHint = "convert pcapng with `editcap -F pcap in.pcapng out.pcap`";
    private const uint PcapngMagic = 0x0A0D0D0A;

    private readonly string _path;
    private readonly TextWriter _output;
    private readonly TextWriter _error;

    private readonly PolicyLookup? _policy;

    /// <param name="path">The capture file.</param>
    /// <param name="output">Where the packets go.</param>
    /// <param name="error">Where problems go.</param>
    /// <param name="policy">With --policy: the controller's reverse lookup, asked about each NVGRE packet.</param>
    public DecodeRun(string path, TextWriter output, TextWriter error, PolicyLookup? policy = null)
    {
        _policy = policy;
        _path = path;
        _output = output;
        _error = error;
    }

    /// <summary>Decodes the file in <paramref name="format"/> ("table" or "json"); returns the exit code.</summary>
    public int Execute(string format)
    {
        if (Directory.Exists(_path))
        {
            return Fail("is a directory, not a capture file");
        }

        if (!File.Exists(_path))
        {
            return Fail("no such file");
        }

        FileStream stream;
        uint magic;
        PcapError opened;
        PcapReader reader;
        try
        {
            stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"cannot read it: {e.Message}");
        }

        using (stream)
        {
            try
            {
                magic = PeekMagic(stream);
                opened = PcapReader.TryOpen(stream, out reader);
            }
            catch (IOException e)
            {
                return Fail($"cannot read it: {e.Message}");
            }

            if (opened != PcapError.None)
            {
                var why = opened == PcapError.HeaderTruncated ? "shorter than the 24-byte pcap file header"
                    : magic == PcapngMagic ? "it is pcapng"
                    : string.Create(CultureInfo.InvariantCulture, $"unknown magic number 0x{magic:x8}");
                return Fail($"not a classic pcap file ({why}); {ConvertHint}");
            }

            if (!PacketDecoder.IsSupported(reader.LinkType))
            {
                return Fail(string.Create(CultureInfo.InvariantCulture,
                    $"link type {reader.LinkType} is not supported (hnv decode reads Ethernet, 1, and raw IP, 101, 228, 229)"));
            }

            return DecodeRecords(reader, CreateWriter(format));
        }
    }

    /// <summary>Decodes every record; a damaged or unreadable record ends the output cleanly, then is reported.</summary>
    private int DecodeRecords(PcapReader reader, IDecodeWriter writer)
    {
        try
        {
            var frame = 0;
            while (true)
            {
                PcapError status;
                PcapRecord record;
                try
                {
                    status = reader.TryReadNext(out record);
                }
                catch (IOException e)
                {
                    writer.Complete();
                    return Fail(string.Create(CultureInfo.InvariantCulture,
                        $"cannot read record {frame + 1}: {e.Message}; showed the {frame} packets before it"));
                }

                if (status != PcapError.None)
                {
                    writer.Complete();
                    return status switch
                    {
                        PcapError.EndOfFile => ExitCodes.Ok,
                        PcapError.RecordTooLong => Fail(string.Create(CultureInfo.InvariantCulture,
                            $"record {frame + 1} claims more bytes than any packet can have; showed the {frame} packets before it")),
                        _ => Fail(string.Create(CultureInfo.InvariantCulture,
                            $"cut short: record {frame + 1} is truncated; showed the {frame} packets before it")),
                    };
                }

                var packet = PacketDecoder.Decode(++frame, record, reader.LinkType);
                writer.Write(_policy is null ? packet : _policy.Enrich(packet));
            }
        }
        finally
        {
            (writer as IDisposable)?.Dispose();
        }
    }

    private IDecodeWriter CreateWriter(string format) => format == DecodeCommand.Json
        ? new JsonDecodeWriter(_output)
        : new TableDecodeWriter(_output, terminal: ReferenceEquals(_output, Console.Out) && !Console.IsOutputRedirected, policy: _policy is not null);

    private static uint PeekMagic(FileStream stream)
    {
        Span<byte> magic = stackalloc byte[4];
        var read = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        stream.Position = 0;
        return read == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(magic) : 0;
    }

    private int Fail(string problem)
    {
        _error.WriteLine($"hnv decode: '{_path}': {problem}");
        return ExitCodes.FileProblem;
    }
}
