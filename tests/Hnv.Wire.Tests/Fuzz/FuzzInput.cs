using System.Runtime.InteropServices;

namespace Hnv.Wire.Tests.Fuzz;

/// <summary>How targets hand fuzz input to the wire views, which take <see cref="Span{T}"/> because they can also write.</summary>
internal static class FuzzInput
{
    /// <summary>
    /// The same memory as a writable span, without a copy, so that reads past the end of the caller's exact-length
    /// slice would land on its sentinel guard. Targets only read through it; the property tests check nothing was written.
    /// </summary>
    public static Span<byte> AsWritable(ReadOnlySpan<byte> input) =>
        MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(input), input.Length);

    /// <summary>Thrown when a parser breaks an invariant without throwing itself.</summary>
    public static void Check(bool condition, string invariant)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Invariant broken: {invariant}");
        }
    }
}
