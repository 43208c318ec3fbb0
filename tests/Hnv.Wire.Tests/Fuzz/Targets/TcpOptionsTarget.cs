using Hnv.Wire.Transport;

namespace Hnv.Wire.Tests.Fuzz.Targets;

/// <summary>
/// TCP options: the low nibble of byte 0 is Data Offset, the rest follows a 20-byte header (options, then payload), so
/// inputs reach <see cref="TcpHeader.TryGetMss"/> with every header length.
/// </summary>
internal sealed class TcpOptionsTarget : IFuzzTarget
{
    public string Name => "TcpOptions";

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var segment = new byte[TcpHeader.MinLength + input.Length - 1];
        TcpHeader.Write(segment, 1, 2, 3, 4, TcpHeader.FlagSyn, 5);
        segment[12] = (byte)(input[0] << 4);
        input[1..].CopyTo(segment.AsSpan(TcpHeader.MinLength));
        if (!TcpHeader.TryRead(segment, out var tcp))
        {
            return;
        }

        if (tcp.TryGetMss(out _, out var offset))
        {
            FuzzInput.Check(offset >= TcpHeader.MinLength + 2 && offset + 2 <= tcp.HeaderLength, "the MSS lies inside the options");
        }
    }
}
