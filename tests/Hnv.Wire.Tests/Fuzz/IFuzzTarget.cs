namespace Hnv.Wire.Tests.Fuzz;

/// <summary>
/// One parser driven by arbitrary bytes (docs/architecture.md, "every parser has a fuzz target"). <see cref="Run"/> must return normally for every input:
/// malformed input is a <c>false</c> or an error value, never an exception. The same targets serve the corpus replay,
/// the property tests, and an external fuzzer.
/// </summary>
internal interface IFuzzTarget
{
    /// <summary>The target's name; also the name of its folder under Fuzz/Corpus.</summary>
    string Name { get; }

    /// <summary>Feeds <paramref name="input"/> to the parser; throws only when the parser misbehaves.</summary>
    void Run(ReadOnlySpan<byte> input);
}
