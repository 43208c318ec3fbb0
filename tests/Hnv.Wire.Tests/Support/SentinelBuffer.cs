namespace Hnv.Wire.Tests.Support;

/// <summary>
/// Places input bytes in the middle of a larger array filled with a sentinel, so that a parser given the
/// exact-length slice can be checked for reading or writing outside it (and for writing inside it).
/// </summary>
internal sealed class SentinelBuffer
{
    public const byte Sentinel = 0xA5;
    public const int Guard = 64;

    private readonly byte[] _array;
    private readonly byte[] _original;

    public SentinelBuffer(ReadOnlySpan<byte> input)
    {
        _array = new byte[Guard + input.Length + Guard];
        _array.AsSpan().Fill(Sentinel);
        input.CopyTo(_array.AsSpan(Guard));
        _original = input.ToArray();
    }

    /// <summary>The array behind the slice (for APIs that take an array and a range, such as a stream).</summary>
    public byte[] Array => _array;

    /// <summary>Where the input starts in <see cref="Array"/>.</summary>
    public static int Offset => Guard;

    public int Length => _original.Length;

    /// <summary>The exact-length slice holding the input.</summary>
    public Span<byte> Span => _array.AsSpan(Guard, _original.Length);

    /// <summary>True when both guard regions still hold the sentinel and the input is unchanged.</summary>
    public bool IsIntact()
    {
        var array = _array.AsSpan();
        return !array[..Guard].ContainsAnyExcept(Sentinel)
            && !array[(Guard + _original.Length)..].ContainsAnyExcept(Sentinel)
            && array.Slice(Guard, _original.Length).SequenceEqual(_original);
    }
}
