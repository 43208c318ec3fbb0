using System.Runtime.CompilerServices;

// Data-plane assembly: stackalloc'd scratch need not be zeroed (STYLE.md habit 3).
[module: SkipLocalsInit]

// The layout tests assert the native structs, which stay internal.
[assembly: InternalsVisibleTo("Hnv.Linux.Tests")]
