using System.Runtime.CompilerServices;

// Data-plane assembly: stackalloc'd scratch need not be zeroed (docs/architecture.md, "nothing allocated per packet").
[module: SkipLocalsInit]
