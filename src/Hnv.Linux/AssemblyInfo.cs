using System.Runtime.CompilerServices;

// Data-plane assembly: stackalloc'd scratch need not be zeroed (docs/architecture.md, "nothing allocated per packet").
[module: SkipLocalsInit]

// The layout tests assert the native structs, which stay internal.
[assembly: InternalsVisibleTo("Hnv.Linux.Tests")]
