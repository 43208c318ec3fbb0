using System.Runtime.CompilerServices;

// Data-plane assembly: stackalloc'd scratch need not be zeroed (STYLE.md habit 3).
[module: SkipLocalsInit]
